package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run recorded in an earlier phase, for a rollback that starts after that phase ended: the
 * entries of one step in the latest instance of the phase (a phase run again after a rollback
 * recorded anew). BPMN compensation ended with that instance; the ledger is the memory.
 */
final class RunLedger {

    private final List<LedgerEntry> run;

    private RunLedger(List<LedgerEntry> run) {
        this.run = run;
    }

    static RunLedger of(Ledger ledger, String runKey) {
        return new RunLedger(ledger.entries(runKey));
    }

    /** The latest instance of {@code phase} in this run, if the run ever ran it. */
    Optional<String> latestInstance(String phase) {
        String latest = null;
        for (LedgerEntry entry : run) {
            if (phase.equals(entry.phase())) {
                latest = entry.processInstanceId();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The entries of {@code step} in the latest instance of {@code phase}, oldest first. */
    List<LedgerEntry> entries(String phase, String step) {
        String instance = latestInstance(phase).orElse(null);
        return run.stream()
                .filter(entry -> Objects.equals(entry.processInstanceId(), instance) && step.equals(entry.step()))
                .toList();
    }

    /** The last value of an undo reference {@code step} recorded in the latest {@code phase}, or null. */
    String reference(String phase, String step, String name) {
        String found = null;
        for (LedgerEntry entry : entries(phase, step)) {
            if (entry.undo().get(name) != null) {
                found = entry.undo().get(name);
            }
        }
        return found;
    }

    /** Whether {@code step} of the latest {@code phase} changed something (so a rollback has something to undo). */
    boolean changed(String phase, String step) {
        return entries(phase, step).stream().anyMatch(entry -> entry.outcome() == dev.cutover.step.Outcome.CHANGED);
    }

    /** Every entry of the run, in all its phases, oldest first. */
    List<LedgerEntry> all() {
        return run;
    }
}
