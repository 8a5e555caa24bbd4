package dev.cutover.aws.s3;

import dev.cutover.step.Ensured;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The media buckets, in the runbook's words. */
public interface S3Port {

    /**
     * Turn on bucket encryption: makes the bucket's default encryption the wanted one, changing
     * it only when it differs, and reads it back to confirm.
     *
     * @param wanted SSE-S3 or SSE-KMS; {@link BucketEncryption#NONE} is refused
     * @throws IllegalStateException when the bucket does not exist, or S3 reports something other
     *     than the wanted encryption after the change
     */
    Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted);

    /**
     * The bucket's default encryption as S3 reports it now ({@link BucketEncryption#NONE} if unset).
     *
     * @throws IllegalStateException when the bucket does not exist
     */
    BucketEncryption bucketEncryption(String bucket);

    /**
     * Setup the redirect bucket: the bucket exists (created in the client's region if missing) and
     * its website configuration redirects every request to {@code protocol}://{@code hostName}.
     * A bucket whose website serves or redirects anything else is reconfigured.
     *
     * @param protocol {@code https} or {@code http}
     * @return the bucket's website endpoint host, e.g.
     *     {@code clearmyrecord.org.s3-website-us-east-1.amazonaws.com} (see {@link WebsiteEndpoint})
     * @throws dev.cutover.step.StepFailedException when the bucket name belongs to another account
     *     or S3 refuses us access to it
     */
    Ensured<String> ensureRedirectBucket(String bucket, String hostName, String protocol);

    /**
     * One batch of "sync the new S3 bucket": the next up to {@code maxKeys} source keys after
     * {@code startAfter} (null: from the start), each copied server-side to the same key of the
     * destination unless it is already there. "Already there" means the same size and either the
     * same ETag or, where ETags cannot match (multipart or KMS copies), the source's ETag recorded
     * on the copy as metadata. A batch with nothing to copy costs two listings.
     */
    SyncBatch syncBatch(String source, String destination, String startAfter, int maxKeys);

    /**
     * One batch of "copy the new uploads back": as {@link #syncBatch(String, String, String, int)},
     * but of the source keys the batch lists, only the objects last modified at or after
     * {@code modifiedSince} are copied (null: all of them); the others are looked at and left.
     */
    SyncBatch syncBatch(String source, String destination, Instant modifiedSince, String startAfter, int maxKeys);

    /** The two buckets compared: same keys, same sizes. */
    SyncVerification verifyCopy(String source, String destination);

    /**
     * Keep a change for the next deploy: merges these entries into the flat JSON object at
     * {@code s3://bucket/key} (Zappa's {@code remote_env}), which is created when missing; its other
     * keys stay as they are. Entries it already holds are no change: nothing is written. The object
     * keeps its server-side encryption (SSE-S3 when new). Values are never logged nor quoted in an
     * exception.
     *
     * @return whether the object was written (false: it held these entries already)
     * @throws IllegalStateException when the bucket does not exist
     * @throws dev.cutover.step.StepFailedException when the object is not a flat JSON object
     */
    boolean mergeJsonObject(String bucket, String key, Map<String, String> changes);

    /**
     * One batch of deleting the old media bucket: the first {@code maxKeys} of its listing deleted
     * (in a versioned bucket, every version and delete marker, each by its version id); once the
     * listing is empty, the bucket itself. Listing from the start each time needs no marker into
     * what was just deleted, and finds what was uploaded meanwhile. A bucket already gone is
     * {@link DeletionBatch#alreadyGone()}. Day 2 runs one batch per job, until the bucket is gone.
     *
     * @throws dev.cutover.step.StepFailedException when the bucket belongs to someone else, S3 refuses
     *     us access to it, or S3 refuses to delete some of its objects (the first ones named)
     */
    DeletionBatch deleteBucketBatch(String bucket, int maxKeys);

    /**
     * The whole bucket at once, in batches of 1000 (the most one DeleteObjects takes): for a bucket
     * small enough to go within one step. The value is how many objects were deleted.
     */
    default Ensured<Long> ensureBucketDeleted(String bucket) {
        long deleted = 0;
        while (true) {
            DeletionBatch batch = deleteBucketBatch(bucket, 1000);
            if (batch.alreadyGone() && deleted == 0) {
                return Ensured.alreadyDone(0L);
            }
            deleted += batch.deleted();
            if (batch.bucketGone()) {
                return Ensured.changed(deleted);
            }
        }
    }

    /**
     * The files to rebuild: every object of the bucket written (LastModified) after {@code after},
     * oldest first. The buckets have no versioning, so these are the objects a restore of the
     * database to that time cannot account for. Lists the whole bucket, page by page.
     *
     * @throws IllegalStateException when the bucket does not exist
     */
    List<WrittenObject> objectsWrittenAfter(String bucket, Instant after);
}
