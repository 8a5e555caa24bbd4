package dev.cutover.aws.s3;

import dev.cutover.step.Ensured;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** {@link S3Port} on the AWS SDK's {@link S3Client}. */
class S3Adapter implements S3Port {

    private static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";

    private final S3Client s3;

    S3Adapter(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted) {
        if (wanted == null || BucketEncryption.NONE.equals(wanted)) {
            throw new IllegalArgumentException(
                    "bucket '" + bucket + "': wanted encryption must be SSE-S3 or SSE-KMS, not " + wanted);
        }
        BucketEncryption current = bucketEncryption(bucket);
        if (current.equals(wanted)) {
            return Ensured.alreadyDone(current);
        }
        try {
            s3.putBucketEncryption(request -> request.bucket(bucket).serverSideEncryptionConfiguration(rule(wanted)));
        } catch (S3Exception e) {
            throw failure(bucket, "put default encryption " + wanted, e);
        }
        BucketEncryption now = bucketEncryption(bucket);
        if (!now.equals(wanted)) {
            throw new IllegalStateException("bucket '" + bucket + "': asked S3 for default encryption " + wanted
                    + " but it reports " + now);
        }
        return Ensured.changed(now);
    }

    @Override
    public BucketEncryption bucketEncryption(String bucket) {
        ServerSideEncryptionConfiguration configuration;
        try {
            configuration = s3.getBucketEncryption(request -> request.bucket(bucket))
                    .serverSideEncryptionConfiguration();
        } catch (S3Exception e) {
            if (NO_ENCRYPTION.equals(errorCode(e))) {
                return BucketEncryption.NONE;
            }
            throw failure(bucket, "read default encryption", e);
        }
        if (configuration == null || !configuration.hasRules() || configuration.rules().isEmpty()) {
            return BucketEncryption.NONE;
        }
        ServerSideEncryptionByDefault byDefault = configuration.rules().get(0).applyServerSideEncryptionByDefault();
        if (byDefault == null) {
            return BucketEncryption.NONE;
        }
        String keyArn = byDefault.kmsMasterKeyID();
        return new BucketEncryption(byDefault.sseAlgorithmAsString(),
                keyArn == null || keyArn.isBlank() ? null : keyArn);
    }

    private static ServerSideEncryptionConfiguration rule(BucketEncryption wanted) {
        var rule = ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(byDefault -> byDefault
                        .sseAlgorithm(wanted.algorithm())
                        .kmsMasterKeyID(wanted.kmsKeyArn()));
        if (wanted.algorithm().startsWith(BucketEncryption.SSE_KMS)) {
            // a bucket key cuts the KMS requests (and their cost) per object
            rule.bucketKeyEnabled(true);
        }
        return ServerSideEncryptionConfiguration.builder().rules(rule.build()).build();
    }

    private static RuntimeException failure(String bucket, String action, S3Exception e) {
        if (NO_SUCH_BUCKET.equals(errorCode(e))) {
            return new IllegalStateException("S3 bucket '" + bucket + "' does not exist: cannot " + action, e);
        }
        return e;
    }

    private static String errorCode(S3Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }
}
