package dev.cutover.aws.s3;

import dev.cutover.step.Ensured;

/** The media buckets, in the runbook's words. */
public interface S3Port {

    /**
     * Turn on bucket encryption: makes the bucket's default encryption the wanted one, changing
     * it only when it differs.
     */
    Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted);

    /** The bucket's default encryption as S3 reports it now ({@link BucketEncryption#NONE} if unset). */
    BucketEncryption bucketEncryption(String bucket);
}
