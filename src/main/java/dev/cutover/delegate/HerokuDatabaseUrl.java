package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Heroku app's database URL after Day 2: the host of the instance that is current now (the
 * production one, or one restored from a snapshot) and, when the run changed the password, the one
 * kept in the secret store. Its user, database and options stay as Heroku has them. The value is
 * read and written in memory only.
 */
@Component
class HerokuDatabaseUrl {

    private final HerokuPort heroku;
    private final RdsPort rds;
    private final SecretStorePort secrets;
    private final MigrationPlan plan;

    HerokuDatabaseUrl(HerokuPort heroku, RdsPort rds, SecretStorePort secrets, MigrationPlan plan) {
        this.heroku = heroku;
        this.rds = rds;
        this.secrets = secrets;
        this.plan = plan;
    }

    /** Points Heroku at {@code instance} with the password kept in {@code secretArn} (null: the password it has). */
    Ensured<String> ensure(String instance, String secretArn) {
        String app = plan.heroku().app();
        String variable = plan.rds().urlVariable();
        String what = "Heroku config var " + variable + " of app " + app;
        String current = heroku.configVars(app).get(variable);
        if (current == null) {
            throw new StepFailedException("Heroku app " + app + " has no config var " + variable
                    + ": set it by hand for instance " + instance + ", then retry this step");
        }
        String host = rds.instance(instance).endpointAddress();
        if (host == null) {
            throw new IllegalStateException("RDS instance " + instance + " has no endpoint yet");
        }
        String wanted;
        try {
            wanted = secretArn == null ? current
                    : DatabaseUrl.withPassword(current, plan.rds().masterUsername(), secrets.read(secretArn), what);
            wanted = DatabaseUrl.withHost(wanted, host, what);
        } catch (IllegalArgumentException notTheUrl) {
            throw new StepFailedException(notTheUrl.getMessage() + ": set it by hand, then retry this step");
        }
        if (wanted.equals(current)) {
            return Ensured.alreadyDone(host);
        }
        heroku.setConfigVars(app, Map.of(variable, wanted));
        return Ensured.changed(host);
    }
}
