package dev.cutover.pingdom;

/** Pingdom did not answer, failed on its side (5xx) or is over its request limit: worth a retry. */
class PingdomUnavailableException extends RuntimeException {

    PingdomUnavailableException(String message) {
        super(message);
    }

    PingdomUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
