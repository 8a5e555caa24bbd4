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

    private static final Pattern WITH_PASSWORD = Pattern.compile("(postgres(?:ql)?://[^:/@]+:)[^@]*(@.+)");

    static String of(MigrationPlan.Rds rds, String host, String password) {
        return "postgres://" + rds.masterUsername() + ":" + encode(password) + "@" + host + ":" + rds.port() + "/"
                + rds.databaseName();
    }

    /** The same URL with another password; empty-handed (an exception naming no value) when it is not such a URL. */
    static String withPassword(String url, String password, String variable) {
        Matcher matcher = url == null ? null : WITH_PASSWORD.matcher(url);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(variable + " is not a postgres://user:password@host/database URL");
        }
        return matcher.group(1) + encode(password) + matcher.group(2);
    }

    private static String encode(String password) {
        return URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private DatabaseUrl() {
    }
}
