package dev.cutover.delegate;

import dev.cutover.aws.rds.Snapshot;
import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;

/** What an operator sees of a snapshot while it is taken. */
final class SnapshotProgress {

    static void show(StepContext step, Snapshot snapshot) {
        step.set(Vars.SNAPSHOT_ID, snapshot.id());
        step.set(Vars.SNAPSHOT_STATUS, snapshot.status());
        step.set(Vars.SNAPSHOT_PROGRESS, snapshot.percentProgress());
        step.set(Vars.SNAPSHOT_AVAILABLE, snapshot.available());
    }

    private SnapshotProgress() {
    }
}
