package dev.cutover.aws.s3;

import java.util.List;

/**
 * The destination compared with the source: same keys, same sizes. {@code differences} names the
 * first few keys that are missing, extra or of another size.
 */
public record SyncVerification(long sourceObjects, long sourceBytes, long destinationObjects, long destinationBytes,
        List<String> differences) {

    public boolean same() {
        return differences.isEmpty();
    }
}
