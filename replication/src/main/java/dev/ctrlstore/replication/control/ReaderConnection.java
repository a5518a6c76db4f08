package dev.ctrlstore.replication.control;

import dev.ctrlstore.store.sqlite.SqliteStore;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One read-only connection of an {@link LdbReader}, used by one thread at a time, with its prepared statements by
 * control table. A deadline is enforced inside SQLite: a progress handler, called every few hundred virtual-machine
 * steps, interrupts the running statement once the deadline has passed.
 */
final class ReaderConnection implements AutoCloseable {
    /** How many SQLite VM steps run between two looks at the clock: a point read usually finishes before the first. */
    private static final int STEPS_PER_CHECK = 500;

    final Connection connection;
    private final Map<Long, Statements> statements = new HashMap<>();
    private PreparedStatement registry;
    private PreparedStatement family;
    /** System.nanoTime() after which the running statement is interrupted; meaningful while {@link #timed}. */
    private volatile long deadline;
    private volatile boolean timed;
    private volatile boolean interrupted;

    ReaderConnection(Path path, Duration busyTimeout) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        // Mapped like the typed replica's readers: a point read then copies no pages through read() calls.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(SqliteStore.READER_MMAP_BYTES));
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
        try {
            ProgressHandler.setHandler(connection, STEPS_PER_CHECK, new ProgressHandler() {
                @Override
                protected int progress() {
                    if (timed && System.nanoTime() - deadline > 0) {
                        interrupted = true;
                        return 1;
                    }
                    return 0;
                }
            });
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a read: interrupt it at {@code deadlineNanos} ({@code System.nanoTime()}) when {@code timed}. */
    void begin(boolean timed, long deadlineNanos) {
        this.deadline = deadlineNanos;
        this.timed = timed;
        this.interrupted = false;
    }

    /** Ends a read; returns whether the progress handler interrupted it. */
    boolean end() {
        timed = false;
        return interrupted;
    }

    PreparedStatement registry() throws SQLException {
        if (registry == null) {
            registry = connection.prepareStatement("SELECT \"id\", \"fields\", \"key_fields\", \"version\","
                    + " \"created_at\", rowid FROM \"control_tables\" WHERE \"family\" = ? AND \"name\" = ?");
        }
        return registry;
    }

    PreparedStatement family() throws SQLException {
        if (family == null) {
            family = connection.prepareStatement("SELECT 1 FROM \"control_families\" WHERE \"name\" = ?");
        }
        return family;
    }

    /** The point read of {@code table}, prepared once per definition of the table. */
    PreparedStatement point(ReaderTable table) throws SQLException {
        Statements s = of(table);
        if (s.point == null) {
            s.point = connection.prepareStatement(table.pointSql);
        }
        return s.point;
    }

    /** The prefix read of {@code table} binding {@code n} key values, prepared once per definition. */
    PreparedStatement prefix(ReaderTable table, int n) throws SQLException {
        Statements s = of(table);
        if (s.prefix[n] == null) {
            s.prefix[n] = connection.prepareStatement(table.prefixSql[n]);
        }
        return s.prefix[n];
    }

    /** Closes the statements of a table whose definition turned out to be stale. */
    void forget(long tableId) {
        Statements s = statements.remove(tableId);
        if (s != null) {
            s.close();
        }
    }

    private Statements of(ReaderTable table) {
        Statements s = statements.get(table.id);
        if (s == null || s.table != table) {
            if (s != null) {
                s.close();
            }
            s = new Statements(table);
            statements.put(table.id, s);
        }
        return s;
    }

    @Override
    public void close() {
        for (Iterator<Statements> i = statements.values().iterator(); i.hasNext(); ) {
            i.next().close();
            i.remove();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // A read-only connection loses nothing when it fails to close.
        }
    }

    /** The statements rendered for one definition of a table. */
    private static final class Statements {
        final ReaderTable table;
        PreparedStatement point;
        final PreparedStatement[] prefix;

        Statements(ReaderTable table) {
            this.table = table;
            this.prefix = new PreparedStatement[table.prefixSql.length];
        }

        void close() {
            closeQuietly(point);
            for (PreparedStatement p : prefix) {
                closeQuietly(p);
            }
        }

        private static void closeQuietly(PreparedStatement p) {
            if (p != null) {
                try {
                    p.close();
                } catch (SQLException e) {
                    // Closing a read statement loses nothing.
                }
            }
        }
    }
}
