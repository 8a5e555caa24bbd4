package dev.cutover.delegate;

/** How the bucket sync's progress reads in Cockpit and the log. */
final class SyncProgress {

    static String describe(long objectsDone, long objectsTotal, long bytesDone, long bytesTotal) {
        long percent = objectsTotal == 0 ? 100 : Math.min(100, 100 * objectsDone / objectsTotal);
        return String.format("%,d of %,d objects (%d %%), %s of %s", objectsDone, objectsTotal, percent,
                megabytes(bytesDone), megabytes(bytesTotal));
    }

    static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1_000_000.0);
    }

    private SyncProgress() {
    }
}
