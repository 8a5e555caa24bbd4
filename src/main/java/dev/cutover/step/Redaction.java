package dev.cutover.step;

import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in text an outside system printed (a playbook's output) before
 * it reaches an incident, a log line or the ledger: {@code password=…}, {@code "token": "…"},
 * credentials in URLs.
 */
public final class Redaction {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)((?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)s?[\\w-]*"
                    + "[\"']?\\s*[:=]\\s*[\"']?)([^\"'\\s,}]+)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)(\\w+://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");

    private Redaction() {
    }

    /**
     * Masks the whole user info of every URL in the text ({@code https://•••@host/…}): a webhook's
     * user and password, or a token standing alone, never reach a variable, the ledger or a log.
     */
    public static String urls(String text) {
        return text == null ? null : URL_USER_INFO.matcher(text).replaceAll("$1•••@");
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = URL_CREDENTIALS.matcher(text).replaceAll("$1•••$3");
        return ASSIGNMENT.matcher(masked).replaceAll("$1•••");
    }
}
