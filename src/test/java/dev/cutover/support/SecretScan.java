package dev.cutover.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Looks for secrets where they must never be: every text and binary column of every table of the
 * engine ({@code ACT_…}) and of Cutover ({@code cutover_…}). The simulated world's own table is
 * left out: it plays the outside systems, which do hold the secrets.
 */
public final class SecretScan {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.NCLOB, Types.LONGNVARCHAR, Types.OTHER);
    private static final Set<Integer> BINARY = Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);

    private SecretScan() {
    }

    /** Where any of the secrets occurs, as "table.column"; empty when nowhere. */
    public static List<String> findIn(DataSource dataSource, List<String> secrets) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    String lower = table.toLowerCase(Locale.ROOT);
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    if (!(lower.startsWith("act_") || lower.startsWith("cutover_"))) {
                        continue;
                    }
                    int type = rs.getInt("DATA_TYPE");
                    if (TEXT.contains(type) || BINARY.contains(type)) {
                        columns.add(new String[] {table, rs.getString("COLUMN_NAME"), BINARY.contains(type) ? "b" : "t"});
                    }
                }
            }
            for (String[] column : columns) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(
                             "select " + quote(meta, column[1]) + " from " + quote(meta, column[0]))) {
                    while (rows.next()) {
                        String value = "b".equals(column[2]) ? bytes(rows.getBytes(1)) : rows.getString(1);
                        if (value == null) {
                            continue;
                        }
                        for (String secret : secrets) {
                            if (value.contains(secret)) {
                                found.add(column[0] + "." + column[1]);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String bytes(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.ISO_8859_1)
                + new String(value, StandardCharsets.UTF_8);
    }

    private static String quote(DatabaseMetaData meta, String name) throws SQLException {
        String q = meta.getIdentifierQuoteString();
        return q + name + q;
    }
}
