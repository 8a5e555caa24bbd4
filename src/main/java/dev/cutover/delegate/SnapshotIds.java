package dev.cutover.delegate;

/**
 * A snapshot's id follows from the run, the phase and the attempt (the process instance): a retry
 * finds the snapshot its attempt took instead of taking a second, and a phase run again after a
 * rollback takes a fresh one instead of reusing the stale snapshot of the attempt that was undone.
 */
final class SnapshotIds {

    static String of(String run, String phase, String processInstanceId) {
        String attempt = processInstanceId.replace("-", "").toLowerCase();
        return "cutover-" + run + "-" + phase + "-" + attempt.substring(0, Math.min(8, attempt.length()));
    }

    private SnapshotIds() {
    }
}
