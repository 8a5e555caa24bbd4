package dev.cutover.mailgun;

/** Mailgun did not answer, is rate limiting, or failed on its side: worth a retry, unlike a refusal. */
class MailgunUnavailableException extends RuntimeException {

    MailgunUnavailableException(String message) {
        super(message);
    }

    MailgunUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
