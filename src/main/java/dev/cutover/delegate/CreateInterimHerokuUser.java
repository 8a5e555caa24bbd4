package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Research: Lambda rolls keys when it deploys, so Heroku would lose S3 access. Heroku gets an
 * interim IAM user of its own until Day 2: its key goes straight into Heroku's config vars. The key
 * Heroku had before is not kept: a rollback recreates this user instead, and the Heroku-era key is
 * rolled by the Lambda deploys anyway (docs/rollback.md).
 */
@Component("createInterimHerokuUser")
class CreateInterimHerokuUser extends Step {

    private final InterimHerokuUser interimUser;
    private final MigrationPlan plan;

    CreateInterimHerokuUser(Ledger ledger, InterimHerokuUser interimUser, MigrationPlan plan) {
        super(ledger);
        this.interimUser = interimUser;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        Ensured<InterimHerokuUser.Reached> ensured = interimUser.ensureHerokuReachesS3(step.run());
        InterimHerokuUser.Reached reached = ensured.value();
        step.set(Vars.INTERIM_HEROKU_KEY_ID, reached.keyId());
        String detail = ensured.changed()
                ? "IAM user " + reached.user() + (reached.userCreated() ? " created" : "") + "; Heroku app " + app
                        + " now reaches S3 with its key " + reached.keyId()
                        + (reached.replacedKeyId() == null ? "" : " instead of " + reached.replacedKeyId())
                : "Heroku app " + app + " already reaches S3 as " + reached.user() + " (key " + reached.keyId() + ")";
        record(step, ensured, detail, Map.of("iamUser", reached.user(), "accessKeyId", reached.keyId(),
                "herokuApp", app));
    }
}
