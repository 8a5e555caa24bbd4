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
 * Repoint the app the fast way: Zappa's remote env in S3 first (it overrides the function's
 * environment at cold start, and the next deploy keeps it), then the Lambda function's
 * configuration, whose update recycles the running containers.
 */
@Component("pointAppAtNewPassword")
class PointAppAtNewPassword extends Step {

    private final NewDatabasePassword password;
    private final MigrationPlan plan;

    PointAppAtNewPassword(Ledger ledger, NewDatabasePassword password, MigrationPlan plan) {
        super(ledger);
        this.password = password;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String secretArn = step.get(Vars.DATABASE_PASSWORD_SECRET);
        Ensured<String> lambdaApp = password.intoLambdaApp(secretArn);
        record(step, lambdaApp, lambdaApp.value() + ": " + plan.rds().urlVariable()
                + (lambdaApp.changed() ? " now holds" : " already held") + " the password kept in " + secretArn,
                Map.of(ChangeDatabasePassword.SECRET_REFERENCE, secretArn));
    }
}
