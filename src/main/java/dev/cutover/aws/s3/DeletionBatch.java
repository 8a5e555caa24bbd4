package dev.cutover.aws.s3;

/**
 * One batch of "delete the old media bucket": how many objects (or versions and delete markers)
 * this batch deleted, and whether the bucket itself is now gone. {@code alreadyGone}: it was gone
 * before this batch (deleted by an earlier one, or never there). A batch that deleted nothing and
 * left the bucket is one whose listing was empty while S3 refused to delete the bucket as not
 * empty ({@link #refusedAsNotEmpty()}).
 */
public record DeletionBatch(long deleted, boolean bucketGone, boolean alreadyGone) {

    static DeletionBatch deletedSome(long deleted) {
        return new DeletionBatch(deleted, false, false);
    }

    /** The listing was empty, yet S3 answered BucketNotEmpty: uploads since the listing, or what it does not show. */
    static DeletionBatch notEmpty() {
        return new DeletionBatch(0, false, false);
    }

    public boolean refusedAsNotEmpty() {
        return deleted == 0 && !bucketGone;
    }

    static DeletionBatch bucketDeleted() {
        return new DeletionBatch(0, true, false);
    }

    static DeletionBatch wasGone() {
        return new DeletionBatch(0, true, true);
    }
}
