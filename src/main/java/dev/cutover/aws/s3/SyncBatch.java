package dev.cutover.aws.s3;

/**
 * What one batch of the bucket sync saw and did. {@code nextStartAfter} is the last source key
 * the batch covered: the next batch starts after it; null when the source has no keys left.
 */
public record SyncBatch(String nextStartAfter, int objectsSeen, long bytesSeen, int objectsCopied, long bytesCopied) {

    public boolean last() {
        return nextStartAfter == null;
    }
}
