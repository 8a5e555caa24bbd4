package dev.cutover.ledger;

import dev.cutover.step.Outcome;
import java.util.Map;

/**
 * What a step hands the ledger: the run, phase and step it is (its name in the runbook's words, for
 * people; its activity id, for the code that reads the ledger), and what it found or did.
 */
public record StepRecord(
        String run,
        String phase,
        String step,
        String activityId,
        Outcome outcome,
        String detail,
        Map<String, String> undo,
        String processInstanceId) {

    public StepRecord {
        undo = undo == null ? Map.of() : Map.copyOf(undo);
    }
}
