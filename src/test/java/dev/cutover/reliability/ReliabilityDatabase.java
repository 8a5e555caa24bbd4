package dev.cutover.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for the nodes of one test, on the server of
 * {@code CUTOVER_TEST_PG_URL} / {@code CUTOVER_TEST_PG_USER} / {@code CUTOVER_TEST_PG_PASSWORD}, with the
 * seal key of the world it keeps beside it: every node of the database shares both. Dropped on close.
 */
final class ReliabilityDatabase implements AutoCloseable {

    private final String server = env("CUTOVER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String user = env("CUTOVER_TEST_PG_USER", "postgres");
    private final String password = env("CUTOVER_TEST_PG_PASSWORD", "");
    private final String name;
    private final Path sealKeyFile;

    ReliabilityDatabase(String purpose) {
        this.name = System.getProperty("reliability.database-prefix", "cutover_reliability_") + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(server, "create database " + name);
        this.sealKeyFile = Launcher.folder().resolve(name + ".key");
    }

    String url() {
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Path sealKeyFile() {
        return sealKeyFile;
    }

    /** Rows of a query on this database, each column by its (lower-case) name. */
    List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url(), user, password);
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnLabel(column).toLowerCase(), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute(server, "drop database if exists " + name + " with (force)");
        try {
            Files.deleteIfExists(sealKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: '" + sql + "' failed on " + url + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
