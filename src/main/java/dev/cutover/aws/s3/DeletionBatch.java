package dev.cutover.aws.s3;

/**
 * One batch of "delete the old media bucket": how many objects (or versions and delete markers)
 * this batch deleted, and whether the bucket itself is now gone. {@code alreadyGone}: it was gone
 * before this batch (deleted by an earlier one, or never there).
 */
public record DeletionBatch(long deleted, boolean bucketGone, boolean alreadyGone) {

    static DeletionBatch deletedSome(long deleted) {
        return new DeletionBatch(deleted, false, false);
    }

    static DeletionBatch bucketDeleted() {
        return new DeletionBatch(0, true, false);
    }

    static DeletionBatch wasGone() {
        return new DeletionBatch(0, true, true);
    }
}
