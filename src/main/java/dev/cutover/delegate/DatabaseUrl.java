package dev.cutover.delegate;

import dev.cutover.plan.MigrationPlan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's database URL ({@code postgres://user:password@host:port/database}, as dj-database-url
 * reads it). Built in memory for the call that sets it; never logged.
 */
final class DatabaseUrl {

    private static final Pattern WITH_PASSWORD = Pattern.compile("([a-z]+://)([^:/@]+)(:[^@]*)?(@.+)");

    static String of(MigrationPlan.Rds rds, String host, String password) {
        return "postgres://" + rds.masterUsername() + ":" + encode(password) + "@" + host + ":" + rds.port() + "/"
                + rds.databaseName() + (rds.urlOptions().isBlank() ? "" : "?" + rds.urlOptions());
    }

    /**
     * The same URL (scheme, host, database, options) with another password for the same user;
     * refused, with a message that quotes no value, when it is not such a URL or names another user.
     */
    static String withPassword(String url, String user, String password, String what) {
        Matcher matcher = url == null ? null : WITH_PASSWORD.matcher(url);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(what + " is not a postgres://user:password@host/database URL");
        }
        if (!matcher.group(2).equals(user)) {
            throw new IllegalArgumentException(what + " logs in as another user than " + user
                    + ", whose password was changed");
        }
        return matcher.group(1) + user + ":" + encode(password) + matcher.group(4);
    }

    private static final Pattern WITH_HOST = Pattern.compile("([a-z]+://[^@/]*@)([^:/?@]+)(.*)");

    /** The same URL with another host (a database restored to a new instance); refused, quoting no value, when it is not such a URL. */
    static String withHost(String url, String host, String what) {
        Matcher matcher = url == null ? null : WITH_HOST.matcher(url);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(what + " is not a postgres://user:password@host/database URL");
        }
        return matcher.group(1) + host + matcher.group(3);
    }

    /** The host of such a URL, or null when it is none; for an operator (a host is no secret). */
    static String hostOf(String url) {
        Matcher matcher = url == null ? null : WITH_HOST.matcher(url);
        return matcher == null || !matcher.matches() ? null : matcher.group(2);
    }

    private static String encode(String password) {
        return URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private DatabaseUrl() {
    }
}
