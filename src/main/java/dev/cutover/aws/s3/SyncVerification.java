package dev.cutover.aws.s3;

import java.util.List;

/**
 * The destination compared with the source: same keys, same sizes. The counts are complete:
 * {@code missing} source keys the destination lacks, {@code sizeMismatches} keys of another size,
 * {@code extra} keys only in the destination. {@code differences} names the first few of each.
 */
public record SyncVerification(long sourceObjects, long sourceBytes, long destinationObjects, long destinationBytes,
        long missing, long sizeMismatches, long extra, List<String> differences) {

    public boolean same() {
        return missing == 0 && sizeMismatches == 0 && extra == 0;
    }

    /** Every object of the source is in the destination with its size (the destination may hold more). */
    public boolean sourceCovered() {
        return missing == 0 && sizeMismatches == 0;
    }
}
