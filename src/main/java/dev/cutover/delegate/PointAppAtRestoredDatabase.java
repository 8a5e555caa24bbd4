package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Point the app at the restored database: Heroku's database URL gets the restored instance's host.
 * A snapshot taken before Day 2 holds the master password of its time, which is kept nowhere; when
 * the run changed it, the restored instance gets the password the run kept, so every app logs in
 * with the one password the secret store holds. Setting it is recorded at once: a retry does not
 * set it twice.
 */
@Component("pointAppAtRestoredDatabase")
class PointAppAtRestoredDatabase extends Step {

    private static final String PASSWORD_SET_ON = "passwordSetOn";

    private final RdsPort rds;
    private final SecretStorePort secrets;
    private final HerokuDatabaseUrl databaseUrl;
    private final MigrationPlan plan;

    PointAppAtRestoredDatabase(Ledger ledger, RdsPort rds, SecretStorePort secrets, HerokuDatabaseUrl databaseUrl,
            MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.secrets = secrets;
        this.databaseUrl = databaseUrl;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = step.get(Vars.DATABASE_INSTANCE);
        String secretArn = ChangeDatabasePassword.keptSecret(ChangeDatabasePassword.STEP.entries(ledger, step));
        boolean passwordSet = false;
        if (secretArn != null && ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .noneMatch(entry -> instance.equals(entry.undo().get(PASSWORD_SET_ON)))) {
            rds.changeMasterPassword(instance, secrets.read(secretArn));
            ledger.recordAtOnce(step.record(Outcome.CHANGED, "the master password of " + instance
                    + " is set to the one kept in " + secretArn, Map.of(PASSWORD_SET_ON, instance,
                    ChangeDatabasePassword.SECRET_REFERENCE, secretArn)));
            passwordSet = true;
        }
        Ensured<String> pointed = databaseUrl.ensure(instance, secretArn);
        Map<String, String> undo = new LinkedHashMap<>();
        undo.put("dbInstance", instance);
        if (secretArn != null) {
            undo.put(ChangeDatabasePassword.SECRET_REFERENCE, secretArn);
        }
        boolean changed = pointed.changed() || passwordSet;
        recordUndo(step, changed ? Ensured.changed(instance) : Ensured.alreadyDone(instance),
                "Heroku app " + plan.heroku().app() + "'s " + plan.rds().urlVariable() + (pointed.changed() ? " now" : " already")
                        + " reaches " + instance + " at " + pointed.value()
                        + (secretArn == null ? "" : " with the password kept in " + secretArn), undo);
    }
}
