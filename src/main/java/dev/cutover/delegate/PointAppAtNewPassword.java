package dev.cutover.delegate;

import dev.cutover.aws.lambda.LambdaPort;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Repoint the app the fast way: Zappa's remote env in S3 first (it overrides the function's
 * environment at cold start, and the next deploy keeps it), then the Lambda function's
 * configuration, whose update recycles the running containers. The password is read from the
 * secret store here and goes nowhere else.
 */
@Component("pointAppAtNewPassword")
class PointAppAtNewPassword extends Step {

    private final SecretStorePort secrets;
    private final RdsPort rds;
    private final S3Port s3;
    private final LambdaPort lambda;
    private final MigrationPlan plan;

    PointAppAtNewPassword(Ledger ledger, SecretStorePort secrets, RdsPort rds, S3Port s3, LambdaPort lambda,
            MigrationPlan plan) {
        super(ledger);
        this.secrets = secrets;
        this.rds = rds;
        this.s3 = s3;
        this.lambda = lambda;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String secretArn = step.get(Vars.DATABASE_PASSWORD_SECRET);
        String host = rds.instance(plan.rds().instanceId()).endpointAddress();
        Map<String, String> change = Map.of(plan.rds().urlVariable(),
                DatabaseUrl.of(plan.rds(), host, secrets.read(secretArn)));
        MigrationPlan.Lambda function = plan.lambda();
        String where = "Lambda function " + function.functionName();
        if (function.remoteEnvNamed()) {
            s3.mergeJsonObject(function.remoteEnvBucket(), function.remoteEnvKey(), change);
            where = "Zappa's remote env " + function.remoteEnv() + " and " + where;
        }
        lambda.updateEnvironment(function.functionName(), change);
        record(step, Ensured.changed(function.functionName()), where + ": " + plan.rds().urlVariable()
                + " now holds the password kept in " + secretArn,
                Map.of(ChangeDatabasePassword.SECRET_REFERENCE, secretArn));
    }
}
