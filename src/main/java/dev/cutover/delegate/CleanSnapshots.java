package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.step.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshots a run took ("Run snapshot on prod", Day 0 and Day 1, in every attempt), from its
 * ledger: each id with the time it was requested, which is the moment whose data it holds.
 */
final class CleanSnapshots {

    /** The activity that takes them, in Day 0 and in Day 1. */
    static final String ACTIVITY = "runSnapshotOnProd";
    static final String REFERENCE = "snapshotId";

    /** Snapshot id → when it was requested, oldest first. */
    static Map<String, Taken> of(Ledger ledger, String run) {
        Map<String, Taken> taken = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.entries(run)) {
            String id = entry.undo().get(REFERENCE);
            if (ACTIVITY.equals(entry.activityId()) && id != null && entry.outcome() == Outcome.CHANGED) {
                taken.putIfAbsent(id, new Taken(id, entry.phase(), entry.recordedAt()));
            }
        }
        return taken;
    }

    record Taken(String id, String phase, Instant at) {

        String line() {
            return id + " — " + at + " (" + phase + ")";
        }
    }

    private CleanSnapshots() {
    }
}
