package dev.cutover.namecheap;

/** Namecheap did not answer, or failed on its side (5xx, rate limit): worth a retry, unlike a refusal. */
class NamecheapUnavailableException extends RuntimeException {

    NamecheapUnavailableException(String message) {
        super(message);
    }

    NamecheapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
