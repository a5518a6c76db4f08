package dev.ctrlstore.cli;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbPosition;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Commands that read a local LDB file (read-only; no executive or center needed). */
final class LdbCommands {
    private LdbCommands() {
    }

    @Command(name = "read-seq", mixinStandardHelpOptions = true,
            description = "Prints the LDB's ledger position: the seq of the last applied entry (0 before the first).")
    static final class ReadSeq implements Callable<Integer> {
        @Mixin
        LdbOption ldb;

        @Override
        public Integer call() {
            System.out.println(Ldb.inspect(existing(ldb.ldb)).map(LdbPosition::seq).orElse(0L));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows an LDB: its position, how far behind its center it is, its WAL size and the row "
                    + "count of every table.")
    static final class Status implements Callable<Integer> {
        @Mixin
        LdbOption ldb;

        @Override
        public Integer call() throws SQLException {
            Path path = existing(ldb.ldb);
            Optional<LdbPosition> position = Ldb.inspect(path);
            Path wal = path.resolveSibling(path.getFileName() + "-wal");
            System.out.printf("%-22s %s%n", "ldb", path.toAbsolutePath());
            System.out.printf("%-22s %d%n", "seq", position.map(LdbPosition::seq).orElse(0L));
            System.out.printf("%-22s %s%n", "center", position.map(LdbPosition::centerId).orElse("(none yet)"));
            System.out.printf("%-22s %s%n", "last entry committed", position.map(p -> p.committedAt().toString())
                    .orElse("-"));
            System.out.printf("%-22s %s%n", "ledger latency", position.map(p -> millis(Duration.between(
                    p.committedAt(), Instant.now()))).orElse("-"));
            System.out.printf("%-22s %d bytes%n", "wal size", Files.exists(wal) ? sizeOf(wal) : 0);
            System.out.printf("%n%-40s %s%n", "TABLE", "ROWS");
            for (Map.Entry<String, Long> t : rowCounts(path).entrySet()) {
                System.out.printf("%-40s %d%n", t.getKey(), t.getValue());
            }
            return 0;
        }
    }

    /** Row counts per table; control tables shown as family.table. */
    static Map<String, Long> rowCounts(Path path) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = config.createConnection("jdbc:sqlite:" + path); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                    + "LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, String> controlNames = new HashMap<>();
            if (tables.contains("control_tables")) {
                try (ResultSet rs = s.executeQuery("SELECT id, family, name FROM control_tables")) {
                    while (rs.next()) {
                        controlNames.put("ct_" + rs.getLong(1), rs.getString(2) + "." + rs.getString(3));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    String label = controlNames.containsKey(table) ? controlNames.get(table) + " (" + table + ")"
                            : table;
                    counts.put(label, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static Path existing(Path ldb) {
        if (!Files.isRegularFile(ldb)) {
            throw new IllegalArgumentException("no LDB at " + ldb.toAbsolutePath() + ": give --ldb or set "
                    + "CTRLSTORE_LDB (a reflector creates the file on its first start)");
        }
        return ldb;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
