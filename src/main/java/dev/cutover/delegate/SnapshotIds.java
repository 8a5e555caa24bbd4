package dev.cutover.delegate;

/** A snapshot's id follows from the run and the phase, so a retry finds it instead of making a second. */
final class SnapshotIds {

    static String of(String run, String phase) {
        return "cutover-" + run + "-" + phase;
    }

    private SnapshotIds() {
    }
}
