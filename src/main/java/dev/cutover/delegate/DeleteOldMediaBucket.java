package dev.cutover.delegate;

import dev.cutover.aws.s3.DeletionBatch;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delete the old media bucket, after the lead's yes: only while the Heroku app is off (it would
 * write there otherwise), every object, then the bucket. One batch per job (the plan's
 * {@code launch.sync-batch-size} objects), so a bucket of any size fits the job executor's lock
 * time: each commits its progress ({@code oldBucketDeleteProgress}), a crash resumes with the next
 * batch, and the model loops until {@code oldBucketGone}; a bucket that lists empty while S3 keeps
 * refusing to delete it as not empty stops the loop with an incident instead of looping for ever.
 * The batch that deletes the bucket writes the ledger. It cannot be undone and has no
 * compensation; the ledger says so.
 */
@Component("deleteOldMediaBucket")
class DeleteOldMediaBucket extends Step {

    private static final Logger log = LoggerFactory.getLogger(DeleteOldMediaBucket.class);
    /**
     * An empty listing and a BucketNotEmpty answer mean uploads came in since the listing, and the
     * next batch deletes them; this many in a row mean something the listing does not show.
     */
    private static final int REFUSALS_IN_A_ROW = 5;

    private final S3Port s3;
    private final HerokuPort heroku;
    private final MigrationPlan plan;

    DeleteOldMediaBucket(Ledger ledger, S3Port s3, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.heroku = heroku;
        this.plan = plan;
    }

    private static int refusedBefore(StepContext step) {
        Integer refused = step.getOrNull(Vars.OLD_BUCKET_REFUSED_NOT_EMPTY);
        return refused == null ? 0 : refused;
    }

    @Override
    protected void perform(StepContext step) {
        String app = plan.heroku().app();
        String bucket = plan.buckets().oldMedia();
        int dynos = heroku.formation(app).stream().mapToInt(Formation::quantity).sum();
        if (dynos > 0) {
            throw new StepFailedException("Heroku app " + app + " runs " + dynos + " dynos again: it could still"
                    + " write to " + bucket + ", which is not deleted. Turn the app off, then retry.");
        }
        long deletedBefore = Boolean.FALSE.equals(step.getOrNull(Vars.OLD_BUCKET_GONE))
                ? step.get(Vars.OLD_BUCKET_OBJECTS_DELETED) : 0;
        Integer batchesBefore = step.getOrNull(Vars.OLD_BUCKET_BATCHES);
        int batches = (batchesBefore == null ? 0 : batchesBefore) + 1;
        DeletionBatch batch = s3.deleteBucketBatch(bucket, plan.launch().syncBatchSize());
        int refusedInARow = batch.refusedAsNotEmpty() ? refusedBefore(step) + 1 : 0;
        if (refusedInARow >= REFUSALS_IN_A_ROW) {
            throw new StepFailedException(bucket + " lists no objects, yet S3 refused to delete it as not empty"
                    + " (BucketNotEmpty) " + refusedInARow + " times in a row: it holds something the listing does not"
                    + " show (object versions, or objects the cutover's credentials cannot list). Look at the bucket"
                    + " in the S3 console, empty it, then retry; the deletion goes on from there.");
        }
        step.set(Vars.OLD_BUCKET_REFUSED_NOT_EMPTY, refusedInARow);
        long deleted = deletedBefore + batch.deleted();
        String progress = String.format("%,d objects deleted in %,d batch%s", deleted, batches, batches == 1 ? "" : "es")
                + (batch.bucketGone() ? ", the bucket is gone" : " so far");
        step.set(Vars.OLD_BUCKET_GONE, batch.bucketGone());
        step.set(Vars.OLD_BUCKET_OBJECTS_DELETED, deleted);
        step.set(Vars.OLD_BUCKET_BATCHES, batches);
        step.set(Vars.OLD_BUCKET_DELETE_PROGRESS, progress);
        log.info("run {}: delete {}: {}", step.run(), bucket, progress);
        if (!batch.bucketGone()) {
            return;
        }
        boolean deletedHere = !batch.alreadyGone() || deleted > 0;
        record(step, deletedHere ? Ensured.changed(deleted) : Ensured.alreadyDone(0L), deletedHere
                ? bucket + " deleted with its " + String.format("%,d", deleted) + " objects, in " + batches
                + (batches == 1 ? " batch" : " batches") + "; this cannot be undone"
                : bucket + " was already gone", Map.of("bucket", bucket));
    }
}
