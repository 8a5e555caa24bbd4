package dev.cutover.aws.s3;

/**
 * A bucket's default encryption: {@code AES256} (SSE-S3) or {@code aws:kms} with a key ARN.
 * {@link #NONE} when the bucket has no default encryption configured.
 */
public record BucketEncryption(String algorithm, String kmsKeyArn) {

    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "aws:kms";
    public static final BucketEncryption NONE = new BucketEncryption("none", null);

    public static BucketEncryption sseS3() {
        return new BucketEncryption(SSE_S3, null);
    }

    public static BucketEncryption kms(String keyArn) {
        return new BucketEncryption(SSE_KMS, keyArn);
    }

    /** SSE-KMS when the plan names a key, SSE-S3 otherwise. */
    public static BucketEncryption wanted(String kmsKeyArnOrNull) {
        return kmsKeyArnOrNull == null || kmsKeyArnOrNull.isBlank() ? sseS3() : kms(kmsKeyArnOrNull);
    }

    @Override
    public String toString() {
        return kmsKeyArn == null ? algorithm : algorithm + " (" + kmsKeyArn + ")";
    }
}
