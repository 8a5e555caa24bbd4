package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncBatch;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sync the new S3 bucket, one batch per job: each batch finishes well within the job lock, commits
 * its progress, and a crash resumes after the last committed batch (a repeated batch copies only
 * what is missing). The last batch writes the step's ledger entry.
 */
@Component("syncNewBucket")
class SyncNewBucket extends Step {

    private static final Logger log = LoggerFactory.getLogger(SyncNewBucket.class);

    private final S3Port s3;
    private final MigrationPlan plan;

    SyncNewBucket(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String from = plan.buckets().oldMedia();
        String to = plan.buckets().media();
        SyncBatch batch = s3.syncBatch(from, to, step.getOrNull(Vars.SYNC_START_AFTER), plan.launch().syncBatchSize());
        long objectsDone = step.get(Vars.SYNC_OBJECTS_DONE) + batch.objectsSeen();
        long bytesDone = step.get(Vars.SYNC_BYTES_DONE) + batch.bytesSeen();
        long copied = step.get(Vars.SYNC_OBJECTS_COPIED) + batch.objectsCopied();
        long bytesCopied = step.get(Vars.SYNC_BYTES_COPIED) + batch.bytesCopied();
        int batches = step.get(Vars.SYNC_BATCHES) + 1;
        String progress = SyncProgress.describe(objectsDone, step.get(Vars.SYNC_OBJECTS_TOTAL), bytesDone,
                step.get(Vars.SYNC_BYTES_TOTAL));
        step.set(Vars.SYNC_START_AFTER, batch.nextStartAfter());
        step.set(Vars.SYNC_DONE, batch.last());
        step.set(Vars.SYNC_OBJECTS_DONE, objectsDone);
        step.set(Vars.SYNC_BYTES_DONE, bytesDone);
        step.set(Vars.SYNC_OBJECTS_COPIED, copied);
        step.set(Vars.SYNC_BYTES_COPIED, bytesCopied);
        step.set(Vars.SYNC_BATCHES, batches);
        step.set(Vars.SYNC_PROGRESS, progress);
        log.info("run {}: sync {} → {}: batch {} copied {} of {} objects; {}", step.run(), from, to, batches,
                batch.objectsCopied(), batch.objectsSeen(), progress);
        if (batch.last()) {
            Ensured<Long> outcome = copied > 0 ? Ensured.changed(copied) : Ensured.alreadyDone(copied);
            record(step, outcome, "copied " + copied + " objects (" + SyncProgress.megabytes(bytesCopied) + ") from "
                    + from + " to " + to + " in " + batches + " batch(es); " + objectsDone + " objects looked at",
                    Map.of("sourceBucket", from, "destinationBucket", to));
        }
    }
}
