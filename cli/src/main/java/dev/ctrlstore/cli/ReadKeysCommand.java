package dev.ctrlstore.cli;

import dev.ctrlstore.replication.control.LdbReader;
import dev.ctrlstore.replication.control.LdbRow;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.sql.control.ControlTable;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "read-keys", mixinStandardHelpOptions = true,
        description = {"Reads a control-table row from the local LDB by its full key (or, with --prefix, the rows "
                + "under a key prefix) and prints COLUMN/VALUE lines. Bytes print as 0x…; a 0x… argument is bytes."})
final class ReadKeysCommand implements Callable<Integer> {
    @Mixin
    LdbOption ldb;

    @Option(names = {"-f", "--family"}, required = true, description = "The table's family.")
    String family;

    @Option(names = {"-t", "--table"}, required = true, description = "The table.")
    String table;

    @Option(names = "--prefix", description = "Read every row whose key starts with the values given.")
    boolean prefix;

    @Option(names = "--limit", defaultValue = "100", description = "Most rows of a --prefix read. Default: "
            + "${DEFAULT-VALUE}")
    int limit;

    @Option(names = {"-q", "--quiet"}, description = "Omit the COLUMN/VALUE header.")
    boolean quiet;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Key values in key order.")
    List<String> key = new ArrayList<>();

    @Override
    public Integer call() throws SQLException {
        LdbCommands.existing(ldb.ldb);
        Object[] values = convert(definition());
        try (LdbReader reader = LdbReader.open(ldb.ldb)) {
            List<LdbRow> rows;
            if (prefix) {
                rows = reader.getRowsByKeyPrefix(family, table, limit, values);
            } else {
                Optional<LdbRow> row = reader.getRowByKey(family, table, values);
                if (row.isEmpty()) {
                    System.err.println("ctrlstore read-keys: no row of " + family + "." + table + " has key "
                            + String.join(", ", key));
                    return 1;
                }
                rows = List.of(row.get());
            }
            print(rows);
        }
        return 0;
    }

    private void print(List<LdbRow> rows) {
        int width = "COLUMN".length();
        for (LdbRow row : rows) {
            for (String c : row.columns()) {
                width = Math.max(width, c.length());
            }
        }
        String format = "%-" + width + "s  %s%n";
        if (!quiet) {
            System.out.printf(format, "COLUMN", "VALUE");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                System.out.println();
            }
            LdbRow row = rows.get(i);
            for (String column : row.columns().stream().sorted().toList()) {
                Object value = row.get(column);
                System.out.printf(format, column, value == null ? "NULL"
                        : value instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : value.toString());
            }
        }
    }

    /** The table's definition from the LDB's copy of the registry (needed to read the arguments as its types). */
    private TableDefinition definition() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + ldb.ldb);
             PreparedStatement s = c.prepareStatement("SELECT id, fields, key_fields, version FROM control_tables"
                     + " WHERE family = ? AND name = ?")) {
            s.setString(1, family.toLowerCase(Locale.ROOT));
            s.setString(2, table.toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no table " + family + "." + table + " in the LDB at "
                            + ldb.ldb + " (not created at the center, or not replicated here yet)");
                }
                return ControlTable.parse(rs.getLong(1), family, table, rs.getString(2), rs.getString(3),
                        rs.getInt(4)).definition();
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                throw new IllegalArgumentException("the LDB at " + ldb.ldb + " has no control tables yet");
            }
            throw e;
        }
    }

    private Object[] convert(TableDefinition definition) {
        List<String> keyFields = definition.keyFields();
        if (key.size() > keyFields.size() || !prefix && key.size() != keyFields.size()) {
            throw new Main.UsageException(definition.family() + "." + definition.name() + " has key "
                    + keyFields + "; give " + (prefix ? "at most " : "") + keyFields.size() + " value(s), got "
                    + key.size());
        }
        Object[] values = new Object[key.size()];
        for (int i = 0; i < key.size(); i++) {
            String field = keyFields.get(i);
            FieldType type = definition.field(field).map(FieldDefinition::type).orElseThrow();
            String arg = key.get(i);
            boolean hex = arg.startsWith("0x") && arg.length() % 2 == 0 && arg.substring(2).matches("[0-9a-fA-F]*");
            values[i] = switch (type) {
                case INTEGER -> {
                    try {
                        yield Long.parseLong(arg);
                    } catch (NumberFormatException e) {
                        throw new Main.UsageException("key field " + field + " is an integer; got '" + arg + "'");
                    }
                }
                case BYTESTRING, BINARY -> hex ? HexFormat.of().parseHex(arg.substring(2))
                        : arg.getBytes(StandardCharsets.UTF_8);
                default -> arg;
            };
        }
        return values;
    }
}
