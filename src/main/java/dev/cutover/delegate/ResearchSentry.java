package dev.cutover.delegate;

import dev.cutover.aws.lambda.LambdaPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Research Sentry for Lambda/AWS: does the function carry the Sentry DSN variable? (its name only) */
@Component("researchSentry")
class ResearchSentry extends Step {

    private final LambdaPort lambda;
    private final MigrationPlan plan;

    ResearchSentry(Ledger ledger, LambdaPort lambda, MigrationPlan plan) {
        super(ledger);
        this.lambda = lambda;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String function = plan.lambda().functionName();
        String variable = plan.lambda().sentryDsnVariable();
        boolean set = lambda.environmentVariableNames(function).contains(variable);
        step.set(Vars.SENTRY_DSN_SET, set);
        step.set(Vars.LAMBDA_FUNCTION, function);
        step.set(Vars.SENTRY_DSN_VARIABLE, variable);
        ledger.record(step.record(Outcome.CHECKED, function + (set ? " has " : " has no ") + variable
                + (set ? "" : ": handed to the operators"), Map.of("lambdaFunction", function)));
    }
}
