package dev.cutover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a database of its own: an in-memory H2 one by default, or,
 * with {@code -Dcutover.test.database=postgres} ({@code ./mvnw verify -Ppostgres}), a PostgreSQL
 * database created for it and dropped when the JVM ends. The server comes from
 * {@code CUTOVER_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code CUTOVER_TEST_PG_USER} (default {@code postgres}) and {@code CUTOVER_TEST_PG_PASSWORD}.
 * The world kept in that database gets a seal key of its own, in a temporary file, so that no test
 * writes into {@code data/}.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", create()));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-port",
                Map.of("server.port", freePort(), "server.address", "127.0.0.1",
                        "cutover.rehearsal.dns-port", freeUdpPort())));
    }

    /**
     * A port free now, chosen before the context binds its configuration, so that what the plan
     * derives from {@code server.port} (the rehearsal site's address) is where the server listens.
     */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port for the test server", e);
        }
    }

    /** A UDP port free now, for the rehearsal's DNS responder: test contexts live side by side in one JVM. */
    public static int freeUdpPort() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free UDP port for the rehearsal's DNS responder", e);
        }
    }

    /**
     * A new, empty database: the {@code spring.datasource.*} properties that reach it, and
     * {@code cutover.rehearsal.seal-key-file} for the world it will keep.
     */
    public static Map<String, Object> create() {
        String name = "cutover_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> properties = new HashMap<>("postgres".equals(System.getProperty("cutover.test.database"))
                ? postgres(name)
                : Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                        "spring.datasource.username", "sa",
                        "spring.datasource.password", ""));
        properties.put("cutover.rehearsal.seal-key-file", sealKeyFile().toString());
        return properties;
    }

    /** Where the seal key will be made: a temporary folder, both removed when the JVM ends. */
    private static Path sealKeyFile() {
        try {
            Path folder = Files.createTempDirectory("cutover-test-seal-");
            Path file = folder.resolve("rehearsal-world.key");
            folder.toFile().deleteOnExit();
            // deleted in the reverse order: the file, then its folder
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the test world's seal key", e);
        }
    }

    private static Map<String, Object> postgres(String name) {
        String server = env("CUTOVER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("CUTOVER_TEST_PG_USER", "postgres");
        String password = env("CUTOVER_TEST_PG_PASSWORD", "");
        execute(server, user, password, "create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(server, user, password, "drop database if exists " + name + " with (force)")));
        return Map.of("spring.datasource.url", server.substring(0, server.lastIndexOf('/') + 1) + name,
                "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database: '" + sql + "' failed on " + url
                    + " as " + user + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
