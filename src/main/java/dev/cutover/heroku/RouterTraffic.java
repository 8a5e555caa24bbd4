package dev.cutover.heroku;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the Heroku router's log says about the app's traffic between {@code from} and {@code to}:
 * the requests it routed and how many of them were answered with a 5xx. {@code linesRead} is how
 * many lines the log session returned; {@code reachesBackTo} the time of the oldest of them (null
 * when it returned none). {@code complete} when those lines reach back to {@code from}, or the
 * session had no more to give: otherwise the counts are a lower bound.
 */
public record RouterTraffic(int requests, int serverErrors, Instant from, Instant to, int linesRead, boolean complete,
        Instant reachesBackTo) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Without the time of the oldest line read. */
    public RouterTraffic(int requests, int serverErrors, Instant from, Instant to, int linesRead, boolean complete) {
        this(requests, serverErrors, from, to, linesRead, complete, null);
    }

    /**
     * For an operator: "41 requests in the last 15 min (2 answered 5xx)", and when incomplete "at
     * least 41 requests …: the log session's 1500 lines reach back only to 10:02:11 UTC".
     */
    public String summary() {
        String counted = requests + (requests == 1 ? " request" : " requests") + " in the last "
                + span(Duration.between(from, to))
                + (serverErrors > 0 ? " (" + serverErrors + " answered 5xx)" : "");
        if (complete) {
            return counted;
        }
        return "at least " + counted + ": the log session's " + linesRead + " lines "
                + (reachesBackTo == null ? "do not show how far back they reach"
                        : "reach back only to " + TIME.format(reachesBackTo));
    }

    private static String span(Duration span) {
        long seconds = span.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
