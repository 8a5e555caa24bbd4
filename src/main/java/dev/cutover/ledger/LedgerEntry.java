package dev.cutover.ledger;

import dev.cutover.step.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a run's ledger: what a step found and did, and what undoing it would need
 * ({@code undo}: references such as snapshot ids, saved records or a secret's ARN, never a secret).
 */
public record LedgerEntry(
        long id,
        String run,
        String phase,
        String step,
        String activityId,
        Outcome outcome,
        String detail,
        Map<String, String> undo,
        String processInstanceId,
        Instant recordedAt) {}
