package dev.cutover.heroku;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Heroku router's log lines, as a log session returns them, and how they are counted: the adapter
 * and the rehearsal's twin count alike. A request line reads
 * {@code 2026-11-25T10:00:01.123456+00:00 heroku[router]: at=info method=GET path="/apply/" … status=200 …}.
 */
final class RouterLog {

    /** The most lines a log session returns. */
    static final int MOST_LINES = 1500;

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private static final Pattern LINE = Pattern.compile("(\\S+) ([^\\s:]+): (.*)");
    // a quoted value may hold spaces and key=value text of its own (a path's query string)
    private static final Pattern FIELD = Pattern.compile("(?:^|\\s)(\\w+)=(\"[^\"]*\"|\\S*)");
    private static final String ROUTER = "heroku[router]";

    private RouterLog() {
    }

    static void check(Duration window, int lines) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The traffic window must be a positive duration, not " + window);
        }
        if (lines < 1 || lines > MOST_LINES) {
            throw new IllegalArgumentException("A log session returns 1 to " + MOST_LINES + " lines, not " + lines);
        }
    }

    /**
     * Counts the router's request lines with a time in [{@code now - window}, {@code now}] among the
     * {@code lines} a log session asked for {@code asked} lines returned. Lines of other sources,
     * and lines that do not read as the router's, are not counted.
     */
    static RouterTraffic count(List<String> lines, int asked, Instant now, Duration window) {
        Instant from = now.minus(window);
        int read = 0;
        int requests = 0;
        int serverErrors = 0;
        Instant oldest = null;
        for (String text : lines) {
            if (text.isBlank()) {
                continue;
            }
            read++;
            Matcher line = LINE.matcher(text.strip());
            if (!line.matches()) {
                continue;
            }
            Instant at = timeOf(line.group(1));
            if (at == null) {
                continue;
            }
            if (oldest == null || at.isBefore(oldest)) {
                oldest = at;
            }
            if (!ROUTER.equals(line.group(2)) || at.isBefore(from) || at.isAfter(now)) {
                continue;
            }
            Request request = requestIn(line.group(3));
            if (request != null) {
                requests++;
                if (request.status() >= 500) {
                    serverErrors++;
                }
            }
        }
        boolean complete = read < asked || (oldest != null && !oldest.isAfter(from));
        return new RouterTraffic(requests, serverErrors, from, now, read, complete, oldest);
    }

    private static Instant timeOf(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    /** The request a router line is about; null for a line without {@code method=}. A status not given is 0. */
    private static Request requestIn(String fields) {
        String method = null;
        int status = 0;
        Matcher field = FIELD.matcher(fields);
        while (field.find()) {
            String value = field.group(2);
            switch (field.group(1)) {
                case "method" -> method = value;
                case "status" -> status = value.matches("\\d{3}") ? Integer.parseInt(value) : 0;
                default -> {
                    // not needed to count
                }
            }
        }
        return method == null || method.isEmpty() ? null : new Request(method, status);
    }

    private record Request(String method, int status) {}
}
