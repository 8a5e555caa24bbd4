package dev.cutover.delegate;

import dev.cutover.aws.s3.S3Port;
import dev.cutover.heroku.Formation;
import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Delete the old media bucket, after the lead's yes: only while the Heroku app is off (it would
 * write there otherwise), every object, then the bucket. It cannot be undone and has no
 * compensation; the ledger says so.
 */
@Component("deleteOldMediaBucket")
class DeleteOldMediaBucket extends Step {

    private final S3Port s3;
    private final HerokuPort heroku;
    private final MigrationPlan plan;

    DeleteOldMediaBucket(Ledger ledger, S3Port s3, HerokuPort heroku, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.heroku = heroku;
        this.plan = plan;
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
        Ensured<Long> deleted = s3.ensureBucketDeleted(bucket);
        record(step, deleted, deleted.changed()
                ? bucket + " deleted with its " + String.format("%,d", deleted.value()) + " objects; this cannot be undone"
                : bucket + " was already gone", Map.of("bucket", bucket));
    }
}
