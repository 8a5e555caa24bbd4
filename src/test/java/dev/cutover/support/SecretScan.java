package dev.cutover.support;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Looks for secrets where they must never be: every text and binary column of every table of the
 * database, the database's own catalog ({@code INFORMATION_SCHEMA}, {@code pg_…}) aside. That is
 * the engine's ({@code ACT_…}), Cutover's ({@code cutover_…}) and the simulated world's
 * ({@code rehearsal_world}): its twins keep the secrets they must hold sealed, never in the clear.
 * A secret is looked for as it is, and as it reads inside JSON text (once or twice quoted).
 */
public final class SecretScan {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.NCLOB, Types.LONGNVARCHAR, Types.OTHER);
    private static final Set<Integer> BINARY = Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);

    private SecretScan() {
    }

    /** Where any of the secrets occurs, as "table.column" (once per row); empty when nowhere. */
    public static List<String> findIn(DataSource dataSource, List<String> secrets) throws SQLException {
        if (secrets.isEmpty() || secrets.stream().anyMatch(secret -> secret == null || secret.isBlank())) {
            throw new IllegalArgumentException("a secret scan needs secrets to look for, none of them empty");
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.addAll(List.of(secret, quoted(secret), quoted(quoted(secret))));
        }
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (catalog(schema)) {
                        continue;
                    }
                    int type = rs.getInt("DATA_TYPE");
                    if (TEXT.contains(type) || BINARY.contains(type)) {
                        columns.add(new Column(schema, rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                                BINARY.contains(type)));
                    }
                }
            }
            for (Column column : columns) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select " + quote(meta, column.name()) + " from "
                             + (column.schema() == null ? "" : quote(meta, column.schema()) + ".")
                             + quote(meta, column.table()))) {
                    while (rows.next()) {
                        String value = column.binary() ? bytes(rows.getBytes(1)) : rows.getString(1);
                        if (value != null && forms.stream().anyMatch(value::contains)) {
                            found.add(column.table() + "." + column.name());
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String quoted(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static boolean catalog(String schema) {
        return schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                || schema.toLowerCase(Locale.ROOT).startsWith("pg_"));
    }

    private record Column(String schema, String table, String name, boolean binary) {}

    private static String bytes(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.ISO_8859_1)
                + new String(value, StandardCharsets.UTF_8);
    }

    private static String quote(DatabaseMetaData meta, String name) throws SQLException {
        String q = meta.getIdentifierQuoteString();
        return q + name + q;
    }
}
