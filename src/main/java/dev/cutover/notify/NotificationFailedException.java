package dev.cutover.notify;

/** A notification that could not go out. It is logged and recorded; the run goes on without it. */
public class NotificationFailedException extends RuntimeException {

    public NotificationFailedException(String message) {
        super(message);
    }

    public NotificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
