package dev.cutover.delegate;

import dev.cutover.web.SiteAnswer;
import java.net.URI;

/** A site's health URL, and how a probe's answer reads in a variable or an incident. */
final class Sites {

    static URI health(URI base, String healthPath) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + healthPath);
    }

    static String describe(SiteAnswer answer) {
        return answer.url() + " " + (answer.status() == 0 ? "did not answer (" + answer.error() + ")"
                : "answered " + answer.status() + ", served by " + answer.servedBy()
                        + (answer.bodyStart() == null || answer.bodyStart().isBlank() ? ""
                        : ": " + answer.bodyStart().strip().replaceAll("\\s+", " ")));
    }

    private Sites() {
    }
}
