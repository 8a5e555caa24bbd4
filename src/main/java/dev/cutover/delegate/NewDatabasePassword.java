package dev.cutover.delegate;

import dev.cutover.aws.lambda.LambdaPort;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where the new database password must go, read from the secret store inside each call and
 * nowhere else: Zappa's remote env, the Lambda function, the Heroku app.
 */
@Component
class NewDatabasePassword {

    private final SecretStorePort secrets;
    private final RdsPort rds;
    private final S3Port s3;
    private final LambdaPort lambda;
    private final HerokuPort heroku;
    private final MigrationPlan plan;

    NewDatabasePassword(SecretStorePort secrets, RdsPort rds, S3Port s3, LambdaPort lambda, HerokuPort heroku,
            MigrationPlan plan) {
        this.secrets = secrets;
        this.rds = rds;
        this.s3 = s3;
        this.lambda = lambda;
        this.heroku = heroku;
        this.plan = plan;
    }

    /**
     * Zappa's remote env, when the plan names one: it overrides the function's environment at cold
     * start, and the next deploy keeps it. Nothing to do when the plan names none.
     */
    void intoRemoteEnv(String secretArn) {
        intoRemoteEnv(databaseUrl(secretArn));
    }

    /**
     * The app on Lambda: the remote env first, then the function's configuration, whose update
     * recycles the running containers. Each is compared inside its adapter (values, or their
     * fingerprints in the rehearsal) and written only where it differs: the value says where, and
     * whether anything changed.
     */
    Ensured<String> intoLambdaApp(String secretArn) {
        Map<String, String> url = databaseUrl(secretArn);
        boolean remoteEnvChanged = intoRemoteEnv(url);
        boolean functionChanged = lambda.updateEnvironment(plan.lambda().functionName(), url);
        String where = (plan.lambda().remoteEnvNamed() ? "Zappa's remote env " + plan.lambda().remoteEnv() + " and " : "")
                + "Lambda function " + plan.lambda().functionName();
        return remoteEnvChanged || functionChanged ? Ensured.changed(where) : Ensured.alreadyDone(where);
    }

    private boolean intoRemoteEnv(Map<String, String> url) {
        MigrationPlan.Lambda function = plan.lambda();
        return function.remoteEnvNamed()
                && s3.mergeJsonObject(function.remoteEnvBucket(), function.remoteEnvKey(), url);
    }

    /** The Heroku app's database URL, its user checked to be the one whose password changed. */
    Ensured<String> intoHeroku(String secretArn) {
        String app = plan.heroku().app();
        String variable = plan.rds().urlVariable();
        String current = heroku.configVars(app).get(variable);
        if (current == null) {
            throw new StepFailedException("Heroku app " + app + " has no config var " + variable
                    + ": set it by hand with the password kept in " + secretArn + ", then retry this step");
        }
        String wanted;
        try {
            wanted = DatabaseUrl.withPassword(current, plan.rds().masterUsername(), secrets.read(secretArn),
                    "Heroku config var " + variable + " of app " + app);
        } catch (IllegalArgumentException notTheUrl) {
            throw new StepFailedException(notTheUrl.getMessage() + ": set its password by hand, then retry this step");
        }
        if (wanted.equals(current)) {
            return Ensured.alreadyDone(app);
        }
        heroku.setConfigVars(app, Map.of(variable, wanted));
        return Ensured.changed(app);
    }

    private Map<String, String> databaseUrl(String secretArn) {
        String host = rds.instance(plan.rds().instanceId()).endpointAddress();
        return Map.of(plan.rds().urlVariable(), DatabaseUrl.of(plan.rds(), host, secrets.read(secretArn)));
    }
}
