package dev.cutover.delegate;

import dev.cutover.aws.s3.BucketEncryption;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turn on bucket encryption for the media bucket: SSE-S3, or SSE-KMS when the plan names a key; then verify. */
@Component("turnOnBucketEncryption")
class TurnOnBucketEncryption extends Step {

    private final S3Port s3;
    private final MigrationPlan plan;

    TurnOnBucketEncryption(Ledger ledger, S3Port s3, MigrationPlan plan) {
        super(ledger);
        this.s3 = s3;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String bucket = plan.buckets().media();
        BucketEncryption wanted = BucketEncryption.wanted(plan.buckets().mediaKmsKeyArn());
        Ensured<BucketEncryption> ensured = s3.ensureBucketEncrypted(bucket, wanted);
        BucketEncryption reported = s3.bucketEncryption(bucket);
        if (!reported.equals(wanted)) {
            throw new StepFailedException("bucket " + bucket + " reports default encryption " + reported
                    + " after the change, not " + wanted);
        }
        step.set(Vars.MEDIA_BUCKET_ENCRYPTION, reported.toString());
        record(step, ensured, "bucket " + bucket + " encrypts new objects with " + reported
                + (ensured.changed() ? "" : " (it already did)"), Map.of("bucket", bucket));
    }
}
