package dev.cutover.web;

import java.net.URI;

/**
 * One look at a URL: the HTTP status (0 when nothing answered), which platform served it
 * ({@code lambda}, {@code heroku} or {@code unknown}, from the response's headers), the start of
 * the body, and what went wrong when nothing answered.
 */
public record SiteAnswer(URI url, int status, String servedBy, String bodyStart, String error) {

    public static final String LAMBDA = "lambda";
    public static final String HEROKU = "heroku";
    public static final String UNKNOWN = "unknown";

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
