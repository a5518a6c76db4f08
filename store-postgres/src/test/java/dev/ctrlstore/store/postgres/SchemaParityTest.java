package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations give the same schema in SQLite and PostgreSQL: tables, columns (types normalised by the same rules
 * codegen uses), nullability, primary keys, unique keys and indexes, foreign keys. Any drift fails with the lines
 * only one dialect has. A table that only one dialect has on purpose (a vendor-only script) is named in
 * {@link #VENDOR_ONLY}, and must exist there.
 */
@PostgresTest
class SchemaParityTest {
    private static final Set<String> NOT_OURS = Set.of(SchemaMigrator.HISTORY_TABLE, "sqlite_sequence");
    /** Tables of one dialect only, each with the dialect that has it. None yet. */
    private static final Map<String, Dialect> VENDOR_ONLY = Map.of();

    @TempDir
    static Path dir;

    @Test
    void sqliteAndPostgresSchemasMatch(TestDatabase db) throws SQLException {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parity.db"));
        new SchemaMigrator(sqlite, "sqlite", "parity SQLite").migrate();
        DataSource postgres = db.dataSource();
        new SchemaMigrator(postgres, "postgresql", "parity PostgreSQL", Optional.of("parity")).migrate();

        Set<String> sqliteSchema = describe(sqlite, null, Dialect.SQLITE);
        Set<String> postgresSchema = describe(postgres, "parity", Dialect.POSTGRES);
        VENDOR_ONLY.forEach((table, dialect) -> assertThat(dialect == Dialect.SQLITE ? sqliteSchema : postgresSchema)
                .as("vendor-only table %s exists in %s", table, dialect).contains("table " + table));
        sqliteSchema.removeIf(line -> VENDOR_ONLY.keySet().stream().anyMatch(t -> isAbout(line, t)));
        postgresSchema.removeIf(line -> VENDOR_ONLY.keySet().stream().anyMatch(t -> isAbout(line, t)));

        Set<String> onlySqlite = new TreeSet<>(sqliteSchema);
        onlySqlite.removeAll(postgresSchema);
        Set<String> onlyPostgres = new TreeSet<>(postgresSchema);
        onlyPostgres.removeAll(sqliteSchema);
        for (Set<String> described : List.of(sqliteSchema, postgresSchema)) {
            assertThat(described).as("what was read")
                    .contains("table instances", "primary key instances [id]",
                            "index instances [unique, tenant_id, slug]",
                            "index instances [non-unique, tenant_id, created_at, id]",
                            "column instances.created_at timestamp not null",
                            "column secrets.ciphertext bytes not null")
                    .anyMatch(line -> line.startsWith("foreign key deployments [tenant_id->tenant_id,"
                            + " instance_id->id] instances"))
                    .anyMatch(line -> line.startsWith("foreign key deployments [tenant_id->tenant_id,"
                            + " instance_id->instance_id, release_id->id] releases"));
        }
        assertThat(onlySqlite).as("only in SQLite (PostgreSQL has instead: %s)", onlyPostgres).isEmpty();
        assertThat(onlyPostgres).as("only in PostgreSQL").isEmpty();
    }

    private enum Dialect { SQLITE, POSTGRES }

    /** Whether a line of {@link #describe} is about the table (its columns, keys and indexes included). */
    private static boolean isAbout(String line, String table) {
        return line.equals("table " + table) || line.startsWith("column " + table + ".")
                || line.matches("(primary key|index|foreign key) " + Pattern.quote(table) + " .*");
    }

    /** One line per table, column, key, index and foreign key, in dialect-neutral words. */
    private static Set<String> describe(DataSource dataSource, String schema, Dialect dialect) throws SQLException {
        Set<String> lines = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : tables(meta, schema)) {
                lines.add("table " + table);
                List<String> primaryKey = primaryKey(meta, schema, table);
                lines.add("primary key " + table + " " + primaryKey);
                try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME");
                        boolean notNull = "NO".equals(rs.getString("IS_NULLABLE")) || primaryKey.contains(column);
                        lines.add("column " + table + "." + column + " " + type(column, rs.getString("TYPE_NAME"),
                                dialect) + (notNull ? " not null" : " null"));
                    }
                }
                for (Map.Entry<String, List<String>> index : indexes(meta, schema, table).entrySet()) {
                    if (!index.getValue().subList(1, index.getValue().size()).equals(primaryKey)) {
                        lines.add("index " + table + " " + index.getValue());
                    }
                }
                try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
                    Map<String, List<String>> keys = new TreeMap<>();
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME") + " on delete " + rs.getShort("DELETE_RULE");
                        keys.computeIfAbsent(parent, k -> new ArrayList<>())
                                .add(rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKCOLUMN_NAME"));
                    }
                    keys.forEach((parent, columns) -> lines.add("foreign key " + table + " " + columns + " " + parent));
                }
            }
        }
        return lines;
    }

    private static List<String> tables(DatabaseMetaData meta, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!NOT_OURS.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<Short, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(columns.values());
    }

    /** Index signatures: "unique"/"non-unique" followed by the columns in order (names differ by dialect). */
    private static Map<String, List<String>> indexes(DatabaseMetaData meta, String schema, String table)
            throws SQLException {
        Map<String, TreeMap<Short, String>> byName = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null) {
                    continue;
                }
                byName.computeIfAbsent(name, n -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                        rs.getString("COLUMN_NAME"));
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        Map<String, List<String>> signatures = new TreeMap<>();
        byName.forEach((name, columns) -> {
            List<String> signature = new ArrayList<>();
            signature.add(unique.get(name) ? "unique" : "non-unique");
            signature.addAll(columns.values());
            signatures.put(String.join(",", signature), signature);
        });
        return signatures;
    }

    /**
     * The column's logical type. SQLite keeps times as BIGINT epoch micros in columns named *_at, and names its row
     * counter INTEGER; these are the rules codegen's forced types rely on, so a column breaking them is drift too.
     */
    private static String type(String column, String declared, Dialect dialect) {
        String t = declared.toLowerCase(Locale.ROOT).replace("\"", "");
        if (dialect == Dialect.SQLITE) {
            if (t.equals("bigint") && column.endsWith("_at")) {
                return "timestamp";
            }
            if (column.equals("seq") && t.equals("integer")) {
                return "bigint";
            }
        }
        return switch (t) {
            case "int8", "bigint" -> "bigint";
            case "int4", "integer", "int" -> "integer";
            case "bool", "boolean" -> "boolean";
            case "float8", "double precision", "double" -> "double";
            case "text", "varchar" -> "text";
            case "bytea", "blob" -> "bytes";
            case "timestamptz" -> "timestamp";
            default -> "unknown:" + t;
        };
    }
}
