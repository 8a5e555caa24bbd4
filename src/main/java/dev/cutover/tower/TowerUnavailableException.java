package dev.cutover.tower;

/** AWX did not answer, or failed on its side (5xx): worth a retry, unlike a refusal. */
class TowerUnavailableException extends RuntimeException {

    TowerUnavailableException(String message) {
        super(message);
    }

    TowerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
