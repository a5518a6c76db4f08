package dev.ctrlstore.replication.control;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbFollower;
import dev.ctrlstore.replication.ldb.LdbPositions;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlNames;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.sql.control.ControlTable;
import dev.ctrlstore.store.sqlite.SqliteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads control tables from an LDB, by family and table name: one row by its full key, or rows by a key prefix in key
 * order. Tables are found through the LDB's replicated registry ({@code control_tables}); their definitions and
 * prepared statements are cached, and every read checks in the same statement that the definition it was rendered
 * for is still the current one (a table dropped and re-created, or given new fields, is re-read from the registry).
 *
 * <pre>{@code
 * try (LdbReader reader = LdbReader.open(Path.of("/var/lib/ctrlstore/ldb.db"))) {
 *     reader.awaitPosition(seq, Duration.ofSeconds(2));          // after a mutation answered with that seq
 *     Optional<LdbRow> flag = reader.getRowByKey(Duration.ofMillis(50), "flags", "features", "checkout", 42L);
 *     List<LdbRow> all = reader.getRowsByKeyPrefix("flags", "features", 100, "checkout");
 * }
 * }</pre>
 *
 * <p>Names are lower-cased and checked by ctlstore's rules ({@link ControlNames}), as the write service does. Key values are converted to the key field's type: a string
 * for a {@code bytestring} key reads its UTF-8 bytes, and any whole number (including {@code 1.0}) reads an
 * {@code integer} key. A read with a deadline is interrupted inside SQLite when the deadline passes. Reads open
 * the file read-only and each is one statement, so no snapshot is held between calls. Thread-safe.
 */
public final class LdbReader implements LdbFollower, AutoCloseable {
    /** How often a read re-reads the registry when the definition keeps changing under it before giving up. */
    private static final int ATTEMPTS = 3;
    /** A reader waits for a lock only in rare cases (a checkpoint resetting the WAL); it waits this long at most. */
    private static final Duration BUSY_TIMEOUT = SqliteConfig.DEFAULT_BUSY_TIMEOUT;

    private final Path path;
    private final String description;
    private final LdbPositions positions;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<ReaderConnection> idle = new ConcurrentLinkedDeque<>();
    /** Definitions by family, then table name. */
    private final Map<String, Map<String, ReaderTable>> tables = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LdbReader(Path path, int poolSize, LdbPositions positions) {
        this.path = path;
        this.description = "LDB " + path;
        this.positions = positions;
        this.permits = new Semaphore(poolSize);
    }

    /**
     * Opens the LDB at {@code path} read-only with {@value SqliteConfig#DEFAULT_READER_POOL_SIZE} connections and the
     * system clock.
     *
     * @see #open(Path, int, Clock)
     */
    public static LdbReader open(Path path) {
        return open(path, SqliteConfig.DEFAULT_READER_POOL_SIZE, Clock.systemUTC());
    }

    /**
     * Opens the LDB at {@code path} read-only; nothing in it is changed.
     *
     * @param connections how many reads run at once (connections are opened as needed), 1 to 64; more wait
     * @param clock what {@link #ledgerLatency()} measures against
     * @throws InvalidArgumentException for a null argument or {@code connections} out of range
     * @throws StorageException when the file does not exist, is not an LDB, its schema is older or newer than this
     *     code, or its position row is damaged
     */
    public static LdbReader open(Path path, int connections, Clock clock) {
        Checks.notNull(path, "path");
        Checks.notNull(clock, "clock");
        Checks.range(connections, 1, 64, "connections");
        Ldb.inspect(path);
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new StorageException("LDB " + path + ": cannot resolve its real path (" + e.getMessage() + ")", e);
        }
        return new LdbReader(real, connections, new LdbPositions(real, BUSY_TIMEOUT, clock));
    }

    /** The LDB file, as a real path. */
    public Path path() {
        return path;
    }

    /**
     * The row of {@code family.table} whose key is {@code key} (every key field, in key order), without a deadline.
     *
     * @see #getRowByKey(Duration, String, String, Object...)
     */
    public Optional<LdbRow> getRowByKey(String family, String table, Object... key) {
        return getRowByKey(null, family, table, key);
    }

    /**
     * The row of {@code family.table} whose key is {@code key}: one value for every key field, in key order.
     *
     * @param deadline how long the read may take, waiting for a connection included; null for no limit
     * @return the row, or empty when there is none with that key
     * @throws ControlException {@link ControlException.Reason#NOT_FOUND} when the family or table is not in the LDB
     *     (it does not exist, or the LDB has not applied its creation yet), {@link ControlException.Reason#INVALID}
     *     when a key value is missing, null or cannot be of its field's type
     * @throws StoreUnavailableException (retryable) when the deadline passed: the read was interrupted
     * @throws StoreClosedException after close
     */
    public Optional<LdbRow> getRowByKey(Duration deadline, String family, String table, Object... key) {
        List<LdbRow> rows = read(deadline, family, table, key, true, 1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /**
     * The first {@code limit} rows of {@code family.table} whose key starts with {@code prefix}, without a deadline.
     *
     * @see #getRowsByKeyPrefix(Duration, String, String, int, Object...)
     */
    public List<LdbRow> getRowsByKeyPrefix(String family, String table, int limit, Object... prefix) {
        return getRowsByKeyPrefix(null, family, table, limit, prefix);
    }

    /**
     * The rows of {@code family.table} whose first key fields equal {@code prefix} (0 values: every row), ordered by
     * the key, at most {@code limit} of them. To tell whether there were more, ask for one more than you need.
     *
     * @param deadline how long the read may take, waiting for a connection included; null for no limit
     * @param limit the most rows returned, at least 1
     * @throws ControlException {@link ControlException.Reason#NOT_FOUND} when the family or table is not in the LDB,
     *     {@link ControlException.Reason#INVALID} for more values than key fields, a null value or one that cannot be
     *     of its field's type, or a limit below 1
     * @throws StoreUnavailableException (retryable) when the deadline passed: the read was interrupted
     * @throws StoreClosedException after close
     */
    public List<LdbRow> getRowsByKeyPrefix(Duration deadline, String family, String table, int limit,
            Object... prefix) {
        if (limit < 1) {
            throw new ControlException(ControlException.Reason.INVALID, "limit must be at least 1, got " + limit,
                    ResourceKind.CONTROL_TABLE, family + "." + table);
        }
        return read(deadline, family, table, prefix, false, limit);
    }

    /** {@inheritDoc} */
    @Override
    public LdbPositions ledgerPositions() {
        checkOpen();
        return positions;
    }

    @Override
    public void close() {
        closed = true;
        try {
            drain();
        } finally {
            positions.close();
        }
    }

    @Override
    public String toString() {
        return "LdbReader(" + path + ")";
    }

    private List<LdbRow> read(Duration deadline, String family, String table, Object[] key, boolean point,
            int limit) {
        checkOpen();
        String f = ControlNames.family(family);
        String t = ControlNames.table(table);
        boolean timed = deadline != null;
        if (timed && (deadline.isNegative() || deadline.isZero())) {
            throw new InvalidArgumentException("deadline", "deadline must be positive, got " + deadline);
        }
        long start = System.nanoTime();
        long deadlineNanos = timed ? start + deadline.toNanos() : 0;
        ReaderConnection c = acquire(timed, deadlineNanos, deadline, f, t);
        boolean healthy = false;
        try {
            List<LdbRow> rows = read(c, timed, deadlineNanos, deadline, f, t, key, point, limit);
            healthy = true;
            return rows;
        } catch (ControlException | StoreUnavailableException e) {
            healthy = true;
            throw e;
        } finally {
            release(c, healthy);
        }
    }

    private List<LdbRow> read(ReaderConnection c, boolean timed, long deadlineNanos, Duration deadline, String family,
            String table, Object[] key, boolean point, int limit) {
        boolean cached = true;
        for (int attempt = 1; ; attempt++) {
            ReaderTable t;
            try {
                t = definition(c, family, table, cached);
            } catch (SQLException e) {
                throw failure("reading the registry row of " + family + "." + table, e);
            }
            Object[] values;
            try {
                values = t.keyValues(key, point);
            } catch (ControlException e) {
                if (!cached) {
                    throw e;
                }
                // The key may fit a newer definition of the table (re-created with other keys): ask the registry.
                cached = false;
                continue;
            }
            if (timed && System.nanoTime() - deadlineNanos >= 0) {
                throw deadlineExceeded(deadline, t, "before the read started (waiting for a connection)");
            }
            c.begin(timed, deadlineNanos);
            try {
                PreparedStatement ps = point ? c.point(t) : c.prefix(t, values.length);
                for (int i = 0; i < values.length; i++) {
                    switch (values[i]) {
                        case Long l -> ps.setLong(i + 1, l);
                        case String s -> ps.setString(i + 1, s);
                        case byte[] b -> ps.setBytes(i + 1, b);
                        default -> throw new IllegalStateException("key value " + values[i]);
                    }
                }
                if (!point) {
                    ps.setInt(values.length + 1, limit);
                }
                List<LdbRow> rows = rows(ps, t, limit);
                if (rows != null) {
                    return rows;
                }
            } catch (SQLException e) {
                if (c.end()) {
                    throw deadlineExceeded(deadline, t, "and was interrupted");
                }
                if (!(e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_ERROR)
                        || attempt >= ATTEMPTS) {
                    throw failure("reading " + t.description, e);
                }
                // SQLITE_ERROR is how a statement of a dropped table (or a dropped column) fails: re-read the registry.
            } finally {
                c.end();
            }
            forget(family, table, t);
            c.forget(t.id);
            if (attempt >= ATTEMPTS) {
                throw new StoreUnavailableException(description + ": the definition of " + t.description
                        + " changed " + ATTEMPTS + " times while it was read; retry", null);
            }
        }
    }

    /** The rows a read returned, or null when the registry row says the statement's definition is stale. */
    private static List<LdbRow> rows(PreparedStatement ps, ReaderTable t, int limit) throws SQLException {
        List<FieldDefinition> fields = t.fields;
        int firstKey = t.shape.positions().get(t.keyFields.getFirst());
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !t.current(rs.getLong(1), rs.getLong(2))) {
                return null;
            }
            List<LdbRow> rows = new ArrayList<>(Math.min(limit, 16));
            do {
                Object[] values = new Object[fields.size()];
                for (int i = 0; i < values.length; i++) {
                    int column = ReaderTable.STAMP_COLUMNS + 1 + i;
                    values[i] = switch (fields.get(i).type()) {
                        case INTEGER -> {
                            long v = rs.getLong(column);
                            yield rs.wasNull() ? null : v;
                        }
                        case DECIMAL -> {
                            double v = rs.getDouble(column);
                            yield rs.wasNull() ? null : v;
                        }
                        case STRING, TEXT -> rs.getString(column);
                        case BINARY, BYTESTRING -> rs.getBytes(column);
                    };
                }
                if (values[firstKey] == null) {
                    return List.of(); // the registry row joined to no row of the table
                }
                rows.add(new LdbRow(t.shape, values));
            } while (rs.next());
            return rows;
        }
    }

    /** The cached definition of {@code family.table} ({@code cached}), or the registry's. */
    private ReaderTable definition(ReaderConnection c, String family, String table, boolean cached)
            throws SQLException {
        Map<String, ReaderTable> byName = tables.get(family);
        ReaderTable t = byName == null ? null : byName.get(table);
        if (t != null && cached) {
            return t;
        }
        PreparedStatement ps = c.registry();
        ps.setString(1, family);
        ps.setString(2, table);
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                ReaderTable old = t;
                if (old != null && old.id == rs.getLong(1) && old.current(rs.getLong(4), rs.getLong(5))) {
                    return old; // unchanged: keep its prepared statements
                }
                t = new ReaderTable(ControlTable.parse(rs.getLong(1), family, table, rs.getString(2),
                        rs.getString(3), rs.getInt(4)), rs.getLong(5));
                tables.computeIfAbsent(family, k -> new ConcurrentHashMap<>()).put(table, t);
                return t;
            }
        }
        PreparedStatement f = c.family();
        f.setString(1, family);
        boolean familyExists;
        try (ResultSet rs = f.executeQuery()) {
            familyExists = rs.next();
        }
        String behind = " (as of seq " + positions.appliedSeq() + "): it does not exist at the center, or this LDB"
                + " has not applied its creation yet (awaitPosition with the seq of the change)";
        throw familyExists
                ? new ControlException(ControlException.Reason.NOT_FOUND, "table " + family + "." + table
                        + " not found in " + description + behind, ResourceKind.CONTROL_TABLE, family + "." + table)
                : new ControlException(ControlException.Reason.NOT_FOUND, "family " + family + " not found in "
                        + description + behind, ResourceKind.CONTROL_FAMILY, family);
    }

    private void forget(String family, String table, ReaderTable stale) {
        Map<String, ReaderTable> byName = tables.get(family);
        if (byName != null) {
            byName.remove(table, stale);
        }
    }

    private ReaderConnection acquire(boolean timed, long deadlineNanos, Duration deadline, String family,
            String table) {
        try {
            if (timed) {
                if (!permits.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    throw new StoreUnavailableException(description + ": reading " + family + "." + table
                            + " passed its deadline of " + deadline + " while waiting for a connection (every one"
                            + " was busy); raise readerPoolSize or the deadline", null);
                }
            } else {
                permits.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(description + ": interrupted while waiting for a connection", e);
        }
        ReaderConnection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            checkOpen();
            return new ReaderConnection(path, BUSY_TIMEOUT);
        } catch (SQLException e) {
            permits.release();
            throw failure("opening a read-only connection", e);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void release(ReaderConnection c, boolean healthy) {
        if (healthy && !closed) {
            idle.addFirst(c);
            if (closed) {
                drain(); // close() ran between the check and the add
            }
        } else {
            c.close();
        }
        permits.release();
    }

    private void drain() {
        for (ReaderConnection c; (c = idle.pollFirst()) != null; ) {
            c.close();
        }
    }


    private StoreUnavailableException deadlineExceeded(Duration deadline, ReaderTable t, String how) {
        return new StoreUnavailableException(description + ": reading " + t.description + " passed its deadline of "
                + deadline + " " + how + "; give a longer deadline, or read fewer rows", null);
    }

    private StorageException failure(String doing, SQLException e) {
        return new StorageException(description + ": " + doing + " failed: " + e.getMessage()
                + "; check that the file is an LDB its reflector keeps up to date", e);
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException(description);
        }
    }
}
