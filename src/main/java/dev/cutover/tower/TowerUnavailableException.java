package dev.cutover.tower;

import java.util.Map;

/** AWX did not answer, or failed on its side (5xx): worth a retry, unlike a refusal. */
class TowerUnavailableException extends RuntimeException {

    TowerUnavailableException(String message) {
        super(message);
    }

    TowerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A launch AWX did not answer: it may have started the job anyway, which its launch marker (in
     * {@code extraVars}) lets a retry find; without one a person must look.
     */
    static TowerUnavailableException launchUnanswered(String message, Map<String, Object> extraVars, Throwable cause) {
        Object marker = extraVars.get(TowerPort.LAUNCH_MARKER);
        return new TowerUnavailableException(message + ". AWX may have started a job anyway: " + (marker != null
                ? "it carries " + TowerPort.LAUNCH_MARKER + "=" + marker + " to be found by"
                : "look at the template's jobs in AWX before retrying"), cause);
    }
}
