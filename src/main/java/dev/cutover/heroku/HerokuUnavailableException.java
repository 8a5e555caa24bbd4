package dev.cutover.heroku;

/** Heroku did not answer, failed on its side (5xx) or is rate-limiting (429): worth a retry, unlike a refusal. */
class HerokuUnavailableException extends RuntimeException {

    HerokuUnavailableException(String message) {
        super(message);
    }

    HerokuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
