package dev.cutover.step;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import java.util.List;

/**
 * A forward step of the run, named by the phase (process key) and the activity (BPMN id) whose
 * records an undo reads. Inside that phase (compensation) the records are this instance's; from a
 * rollback process, after the phase ended, they are those of the run's latest instance of it.
 */
public record ForwardStep(String phase, String activityId) {

    public List<LedgerEntry> entries(Ledger ledger, StepContext step) {
        if (phase.equals(step.phase())) {
            return ledger.entries(step.processInstanceId(), activityId);
        }
        return ledger.latestInstance(step.run(), phase)
                .map(instance -> ledger.entries(instance, activityId))
                .orElse(List.of());
    }

    /**
     * Whether the step touched the world (a saved state, a change, a launch, a failure halfway):
     * one that never ran, or found everything "already done", left nothing to undo.
     */
    public static boolean touched(List<LedgerEntry> entries) {
        return entries.stream().anyMatch(entry -> entry.outcome() != Outcome.ALREADY_DONE
                && entry.outcome() != Outcome.DECIDED);
    }

    @Override
    public String toString() {
        return phase + "/" + activityId;
    }
}
