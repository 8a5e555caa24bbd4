package dev.cutover.step;

/**
 * An outside system reports that a step failed for good (a snapshot ended {@code failed}, a
 * playbook failed). Left to the engine, it becomes an incident whose message is this one.
 */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
