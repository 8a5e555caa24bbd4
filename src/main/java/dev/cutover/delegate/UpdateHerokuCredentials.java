package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * We need to update the database and S3 credentials (potentially recreate IAM users): Heroku's
 * database URL gets the password Day 2 set (kept in the secret store; the old one is kept nowhere)
 * and the host of the database that is current; the interim IAM user is made again if Day 2
 * deleted it, and its new key goes straight into Heroku's config vars.
 */
@Component("updateHerokuCredentials")
class UpdateHerokuCredentials extends Step {

    private final HerokuDatabaseUrl databaseUrl;
    private final InterimHerokuUser interimUser;
    private final MigrationPlan plan;

    UpdateHerokuCredentials(Ledger ledger, HerokuDatabaseUrl databaseUrl, InterimHerokuUser interimUser,
            MigrationPlan plan) {
        super(ledger);
        this.databaseUrl = databaseUrl;
        this.interimUser = interimUser;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String instance = CurrentDatabase.of(step, plan);
        String secretArn = ChangeDatabasePassword.keptSecret(ChangeDatabasePassword.STEP.entries(ledger, step));
        Ensured<String> database = databaseUrl.ensure(instance, secretArn);
        Ensured<InterimHerokuUser.Reached> s3 = interimUser.ensureHerokuReachesS3(step.run());
        step.set(Vars.INTERIM_HEROKU_KEY_ID, s3.value().keyId());
        boolean changed = database.changed() || s3.changed();
        String detail = app + ": " + plan.rds().urlVariable() + (database.changed() ? " now" : " already")
                + " reaches " + instance + " at " + database.value()
                + (secretArn == null ? "" : " with the password kept in " + secretArn) + "; S3 "
                + (s3.changed() ? "now" : "already") + " through IAM user " + s3.value().user()
                + (s3.value().userCreated() ? " (made again)" : "") + " with key " + s3.value().keyId();
        Map<String, String> undo = new LinkedHashMap<>();
        undo.put("dbInstance", instance);
        undo.put("iamUser", s3.value().user());
        undo.put("accessKeyId", s3.value().keyId());
        if (secretArn != null) {
            undo.put(ChangeDatabasePassword.SECRET_REFERENCE, secretArn);
        }
        recordUndo(step, changed ? Ensured.changed(app) : Ensured.alreadyDone(app), detail, undo);
    }
}
