package dev.cutover.delegate;

import dev.cutover.aws.iam.IamPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Delete the interim Heroku IAM user made before Day 0 (Heroku kept S3 access through it while
 * Lambda rolled keys): its keys, its policies, then the user. Heroku is off by now.
 */
@Component("deleteInterimHerokuUser")
class DeleteInterimHerokuUser extends Step {

    private final IamPort iam;
    private final MigrationPlan plan;

    DeleteInterimHerokuUser(Ledger ledger, IamPort iam, MigrationPlan plan) {
        super(ledger);
        this.iam = iam;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String user = plan.iam().herokuInterimUser().name();
        Ensured<String> ensured = iam.ensureUserDeleted(user);
        record(step, ensured, "IAM user " + user + (ensured.changed() ? " deleted with its keys and policies"
                : " was already gone"), Map.of("iamUser", user));
    }
}
