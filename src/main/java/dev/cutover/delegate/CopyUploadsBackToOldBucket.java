package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncBatch;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Undoing "Update Heroku to the new bucket" starts here: what the app uploaded to the new bucket
 * since the switch (UAT, real users) is copied back to the old one before Heroku is pointed back
 * at it, or those files would be lost while their database rows stay. One batch per job, as the
 * forward sync: each commits its progress ({@code uploadsBackProgress}) and a crash resumes after
 * the last committed batch; the model loops until {@code uploadsBackDone}. A pass that finished
 * starts again from the first key (the pass after pointing Heroku back catches what came meanwhile).
 * The last batch of a pass writes the ledger.
 */
@Component("copyUploadsBackToOldBucket")
class CopyUploadsBackToOldBucket extends Step {

    private static final Logger log = LoggerFactory.getLogger(CopyUploadsBackToOldBucket.class);

    private final S3Port s3;
    private final HerokuBucket herokuBucket;
    private final MigrationPlan plan;

    CopyUploadsBackToOldBucket(Ledger ledger, S3Port s3, HerokuBucket herokuBucket, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.herokuBucket = herokuBucket;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String from = plan.buckets().media();
        String to = plan.buckets().oldMedia();
        boolean resuming = Boolean.FALSE.equals(step.getOrNull(Vars.UPLOADS_BACK_DONE));
        String startAfter = resuming ? step.getOrNull(Vars.UPLOADS_BACK_START_AFTER) : null;
        long copiedBefore = resuming ? step.get(Vars.UPLOADS_BACK_COPIED) : 0;
        Instant since = herokuBucket.uploadsSince(step);
        SyncBatch batch = s3.syncBatch(from, to, since, startAfter, plan.launch().syncBatchSize());
        long copied = copiedBefore + batch.objectsCopied();
        String progress = copied + " upload(s) copied back to " + to + (batch.last() ? ", all of them" : " so far")
                + (since == null ? "" : " (modified since " + since + ")");
        step.set(Vars.UPLOADS_BACK_START_AFTER, batch.nextStartAfter());
        step.set(Vars.UPLOADS_BACK_DONE, batch.last());
        step.set(Vars.UPLOADS_BACK_COPIED, copied);
        step.set(Vars.UPLOADS_BACK_PROGRESS, progress);
        log.info("run {}: copy uploads back {} → {}: {} of {} objects copied in this batch; {}", step.run(), from, to,
                batch.objectsCopied(), batch.objectsSeen(), progress);
        if (batch.last()) {
            record(step, copied > 0 ? Ensured.changed(copied) : Ensured.alreadyDone(copied), progress,
                    Map.of("sourceBucket", from, "destinationBucket", to));
        }
    }
}
