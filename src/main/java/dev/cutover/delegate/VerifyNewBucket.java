package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncVerification;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Verify the new bucket before anything points at it: same keys, same sizes. */
@Component("verifyNewBucket")
class VerifyNewBucket extends Step {

    private final S3Port s3;
    private final MigrationPlan plan;

    VerifyNewBucket(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String from = plan.buckets().oldMedia();
        String to = plan.buckets().media();
        SyncVerification verification = s3.verifyCopy(from, to);
        if (!verification.same()) {
            throw new StepFailedException(to + " does not match " + from + " (" + verification.destinationObjects()
                    + " objects against " + verification.sourceObjects() + "): " + String.join("; ",
                    verification.differences()) + ". Retry this step once the sync has been run again.");
        }
        String summary = verification.sourceObjects() + " objects, " + SyncProgress.megabytes(verification.sourceBytes())
                + ": same keys and sizes as " + from;
        step.set(Vars.SYNC_VERIFICATION, summary);
        ledger.record(step.record(Outcome.CHECKED, to + ": " + summary, Map.of("destinationBucket", to)));
    }
}
