package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncVerification;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Count the objects to sync: the size of the job, and how much a pre-copy already put in place. */
@Component("countObjectsToSync")
class CountObjectsToSync extends Step {

    private final S3Port s3;
    private final MigrationPlan plan;

    CountObjectsToSync(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String from = plan.buckets().oldMedia();
        String to = plan.buckets().media();
        SyncVerification now = s3.verifyCopy(from, to);
        step.set(Vars.SYNC_OBJECTS_TOTAL, now.sourceObjects());
        step.set(Vars.SYNC_BYTES_TOTAL, now.sourceBytes());
        step.set(Vars.SYNC_OBJECTS_DONE, 0L);
        step.set(Vars.SYNC_BYTES_DONE, 0L);
        step.set(Vars.SYNC_OBJECTS_COPIED, 0L);
        step.set(Vars.SYNC_BYTES_COPIED, 0L);
        step.set(Vars.SYNC_BATCHES, 0);
        step.set(Vars.SYNC_START_AFTER, null);
        step.set(Vars.SYNC_DONE, false);
        step.set(Vars.SYNC_PROGRESS, SyncProgress.describe(0, now.sourceObjects(), 0, now.sourceBytes()));
        ledger.record(step.record(Outcome.CHECKED, now.sourceObjects() + " objects (" + SyncProgress.megabytes(
                now.sourceBytes()) + ") in " + from + "; " + now.destinationObjects() + " already in " + to,
                Map.of("sourceBucket", from, "destinationBucket", to)));
    }
}
