package dev.cutover.step;

import java.util.Map;

/**
 * An outside system reports that a step failed for good (a snapshot ended {@code failed}, a
 * playbook failed). Left to the engine, it becomes an incident whose message is this one.
 */
public class StepFailedException extends RuntimeException {

    private final Map<String, String> references;

    public StepFailedException(String message) {
        this(message, Map.of());
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
        this.references = Map.of();
    }

    /** A failure with references the ledger keeps (the failed job's id, say). */
    public StepFailedException(String message, Map<String, String> references) {
        super(message);
        this.references = Map.copyOf(references);
    }

    public Map<String, String> references() {
        return references;
    }
}
