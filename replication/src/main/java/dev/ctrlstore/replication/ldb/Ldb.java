package dev.ctrlstore.replication.ldb;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.ReplicationPolicy;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An LDB opened for applying ledger entries: one SQLite connection, the only writer of the file. Readers use their
 * own connections ({@code SqliteStore.builder().path(ldb).readOnly(true)}); WAL lets them read while entries are
 * applied, and this class owns the checkpoints (automatic checkpoints are off on its connection).
 *
 * <p>An LDB is the store's SQLite schema (the same migrations) plus a trigger that refuses every row of
 * {@code secrets}, which is how an LDB is told apart from a store's own SQLite file. Its {@code ldb_position} row is
 * written in the same transaction as the entries it covers, so after a crash the file holds exactly the entries up
 * to its position. Not thread-safe: one applying thread at a time.
 */
public final class Ldb implements AutoCloseable {
    /** The trigger that keeps {@code secrets} empty; its presence marks a SQLite file as an LDB. */
    static final String SECRETS_GUARD = "ldb_secrets_never_replicated";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** A checkpoint that must wait for readers waits at most this long (a reader's snapshot is released quickly). */
    static final Duration CHECKPOINT_BUSY_TIMEOUT = Duration.ofMillis(100);

    private final Path path;
    private final String description;
    private final Connection connection;
    private final int schemaVersion;
    private final Map<String, TableStatements> tables;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final ControlRows controlRows;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private Optional<LdbPosition> position;

    private Ldb(Path path, Connection connection) throws SQLException {
        this.path = path;
        this.description = "LDB " + path;
        this.connection = connection;
        this.tables = TableStatements.replicated();
        this.controlRows = new ControlRows(connection, description);
        this.begin = connection.prepareStatement("begin immediate");
        this.commit = connection.prepareStatement("commit");
        this.rollback = connection.prepareStatement("rollback");
        this.schemaVersion = schemaVersion(connection);
        this.position = readPosition(connection, description);
    }

    /**
     * Creates a new LDB at {@code path}: the store's migrations and the secrets guard are applied to a file beside it,
     * which is then renamed into place, so a crash leaves either no LDB or a complete one.
     *
     * @throws StorageException when the folder is missing or a file already exists at {@code path}
     */
    public static Ldb create(Path path) {
        Path file = requireFolder(path);
        if (Files.exists(file)) {
            throw new StorageException("LDB " + file + ": a file already exists there; open it with Ldb.open, or"
                    + " delete it to start a new LDB. Nothing was changed.");
        }
        Path building = file.resolveSibling(file.getFileName() + ".creating");
        try {
            deleteWithJournals(building);
            SQLiteDataSource ds = dataSource(building, false);
            new SchemaMigrator(ds, "sqlite", "LDB " + building).migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER " + SECRETS_GUARD + " BEFORE INSERT ON secrets"
                        + " BEGIN SELECT RAISE(ABORT, 'secrets are never replicated to an LDB'); END");
                s.execute("PRAGMA journal_mode=WAL");
            }
            // Closing the last connection has checkpointed and removed the WAL: the one file is the whole LDB.
            Files.move(building, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            throw new StorageException("LDB " + file + ": creating it failed: " + e.getMessage()
                    + "; check the folder's permissions and free space", e);
        } finally {
            try {
                deleteWithJournals(building);
            } catch (IOException e) {
                // A leftover is deleted by the next create.
            }
        }
        return open(file);
    }

    /**
     * Opens an existing LDB for applying entries; an LDB written by an older release is migrated to this code's
     * schema first. Every check runs on a read-only connection before anything is written, so a refused file is left
     * exactly as it was.
     *
     * @throws StorageException naming the file and what to do when the folder or file is missing, the file is not a
     *         SQLite database or not an LDB, its schema is newer than this code, or its position row is damaged
     */
    public static Ldb open(Path path) {
        Path file = inspected(path);
        String description = "LDB " + file;
        Connection c = null;
        try {
            SQLiteDataSource ds = dataSource(file, false);
            SchemaMigrator migrator = new SchemaMigrator(ds, "sqlite", description);
            migrator.migrate(); // only an LDB of an older release has anything to apply
            c = ds.getConnection();
            try (Statement s = c.createStatement()) {
                // The applier owns checkpoints: none on commit, where they would stall the apply loop.
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
            return new Ldb(file, c);
        } catch (SQLException e) {
            close(c);
            throw failure(description, "opening it for writing", e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /** {@link #open} when a file is at {@code path}, otherwise {@link #create}. */
    public static Ldb openOrCreate(Path path) {
        return Files.exists(requireFolder(path)) ? open(path) : create(path);
    }

    /**
     * Checks the LDB at {@code path} read-only, as {@link #open} does, and returns its position (empty before the
     * first entry is applied). Writes nothing.
     *
     * @throws StorageException as {@link #open}
     */
    public static Optional<LdbPosition> inspect(Path path) {
        Path file = inspected(path);
        try (Connection c = dataSource(file, true).getConnection()) {
            return readPosition(c, "LDB " + file);
        } catch (SQLException e) {
            throw failure("LDB " + file, "reading its position", e);
        }
    }

    /** The LDB file (absolute). */
    public Path path() {
        return path;
    }

    /** The position as of the last apply on this handle (read when it was opened). */
    public Optional<LdbPosition> position() {
        return position;
    }

    /** The schema version of the LDB, which is the newest migration this code knows. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Applies {@code entries} (consecutive, the first one right after the position) in one SQLite transaction
     * together with the new position. Stops before an entry that needs a newer schema than this code knows (a
     * {@link LedgerChange.Migrate} to an unknown version, or row images written under one): the entries before it are
     * applied, and {@link Applied#upgradeTo()} names the version.
     *
     * @param centerId the id of the center the entries come from; must be the one the LDB follows
     * @param clock gives {@code applied_at}
     * @throws StorageException when the entries do not follow the position, come from another center, change a table
     *         that is not replicated or violate the schema; nothing of the batch is applied then
     */
    public Applied apply(String centerId, List<LedgerEntry> entries, Clock clock) {
        long before = position.map(LdbPosition::seq).orElse(0L);
        if (position.isPresent() && !position.get().centerId().equals(centerId)) {
            throw new StorageException(description + " follows center " + position.get().centerId()
                    + ", but the entries come from center " + centerId + "; an LDB follows one center only. Point"
                    + " the reflector at its center, or delete the LDB to rebuild it from this one.");
        }
        int count = 0;
        OptionalInt upgradeTo = OptionalInt.empty();
        for (LedgerEntry entry : entries) {
            int needed = neededVersion(entry);
            if (needed > schemaVersion) {
                upgradeTo = OptionalInt.of(needed);
                break;
            }
            long expected = before + count + 1;
            if (entry.seq() != expected) {
                throw new StorageException(description + ": ledger gap: expected seq " + expected + ", got "
                        + entry.seq() + "; nothing of this batch was applied. The center's ledger is missing"
                        + " entries, or the LDB is not at the position it was read from.");
            }
            count++;
        }
        if (count == 0) {
            return new Applied(0, position, upgradeTo);
        }
        LedgerEntry last = entries.get(count - 1);
        Instant appliedAt = Times.micros(clock.instant());
        try {
            begin.execute();
            try {
                for (LedgerEntry entry : entries.subList(0, count)) {
                    applyEntry(entry);
                }
                movePosition(before, entries.getFirst().seq(), last, centerId, appliedAt);
                commit.execute();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                controlRows.reset();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(description, "applying entries " + entries.getFirst().seq() + ".." + last.seq(), e);
        }
        position = Optional.of(new LdbPosition(last.seq(), centerId, Times.micros(last.committedAt()), appliedAt));
        return new Applied(count, position, upgradeTo);
    }

    /** The size of the WAL file in bytes (0 when there is none). */
    public long walBytes() {
        try {
            return Files.size(walFile());
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Runs a checkpoint. {@code PASSIVE} copies what no reader needs and never waits; {@code TRUNCATE} also waits up
     * to 100 ms for readers and then empties the WAL file.
     */
    public Checkpoint checkpoint(CheckpointMode mode) {
        try (Statement s = connection.createStatement()) {
            if (mode == CheckpointMode.TRUNCATE) {
                s.execute("PRAGMA busy_timeout=" + CHECKPOINT_BUSY_TIMEOUT.toMillis());
            }
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode.name() + ")")) {
                rs.next();
                return new Checkpoint(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
            } finally {
                if (mode == CheckpointMode.TRUNCATE) {
                    s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT.toMillis());
                }
            }
        } catch (SQLException e) {
            throw failure(description, "checkpointing its WAL", e);
        }
    }

    /** How {@link #checkpoint} treats readers. */
    public enum CheckpointMode {
        /** Copies the frames no reader needs; never waits. */
        PASSIVE,
        /** Waits briefly for readers, copies every frame and truncates the WAL file to zero bytes. */
        TRUNCATE
    }

    /**
     * What a checkpoint did.
     *
     * @param busy whether it could not finish because a reader (or writer) held the WAL
     * @param walFrames frames in the WAL (-1 when not in WAL mode)
     * @param checkpointedFrames frames copied into the database file; fewer than {@code walFrames} means a reader
     *        still needs the rest
     */
    public record Checkpoint(boolean busy, int walFrames, int checkpointedFrames) {
        /** Whether every frame is in the database file (a reader no longer pins the WAL). */
        public boolean complete() {
            return !busy && checkpointedFrames >= walFrames;
        }
    }

    /**
     * What {@link #apply} did.
     *
     * @param entries how many entries it applied
     * @param position the position after them
     * @param upgradeTo the schema version an entry it stopped before needs, when it stopped early
     */
    public record Applied(int entries, Optional<LdbPosition> position, OptionalInt upgradeTo) {
    }

    @Override
    public void close() {
        controlRows.close();
        close(connection);
    }

    private void applyEntry(LedgerEntry entry) throws SQLException {
        for (LedgerChange change : entry.changes()) {
            switch (change) {
                case LedgerChange.Upsert upsert -> {
                    long control = ReplicationPolicy.controlTableId(upsert.table());
                    if (control >= 0) {
                        controlRows.upsert(entry.seq(), control, upsert);
                    } else {
                        upsert(entry, upsert);
                    }
                }
                case LedgerChange.Delete delete -> {
                    long control = ReplicationPolicy.controlTableId(delete.table());
                    if (control >= 0) {
                        controlRows.delete(entry.seq(), control, delete);
                    } else {
                        delete(entry, delete);
                    }
                }
                case LedgerChange.Migrate migrate -> {
                    // The LDB was migrated to this code's newest schema when opened, which covers this version.
                }
                case LedgerChange.ControlSchema schema -> controlRows.schema(schema);
            }
        }
    }

    private void upsert(LedgerEntry entry, LedgerChange.Upsert upsert) throws SQLException {
        TableStatements t = statements(entry, upsert.table());
        Map<String, Object> row = upsert.row();
        String sql = t.upsert;
        List<String> columns = t.columns;
        if (row.size() != columns.size() || !row.keySet().containsAll(columns)) {
            for (String column : row.keySet()) {
                if (!columns.contains(column)) {
                    throw new StorageException(description + ": entry " + entry.seq() + " sets column " + column
                            + " of " + t.table + ", which this LDB's schema (version " + schemaVersion + ") does not"
                            + " have; upgrade the reflector to a release with the center's schema");
                }
            }
            columns = t.columns.stream().filter(row::containsKey).toList();
            sql = t.partialUpsert(columns);
        }
        PreparedStatement ps = statement(sql);
        for (int i = 0; i < columns.size(); i++) {
            ps.setObject(i + 1, row.get(columns.get(i)));
        }
        ps.executeUpdate();
    }

    private void delete(LedgerEntry entry, LedgerChange.Delete delete) throws SQLException {
        TableStatements t = statements(entry, delete.table());
        Map<String, Object> key = delete.key();
        if (key.size() != t.key.size() || !key.keySet().containsAll(t.key)) {
            throw new StorageException(description + ": entry " + entry.seq() + " deletes from " + t.table
                    + " by " + key.keySet() + ", but its primary key is " + t.key + "; the entry is damaged");
        }
        PreparedStatement ps = statement(t.delete);
        for (int i = 0; i < t.key.size(); i++) {
            ps.setObject(i + 1, key.get(t.key.get(i)));
        }
        ps.executeUpdate();
    }

    private TableStatements statements(LedgerEntry entry, String table) {
        TableStatements t = tables.get(table);
        if (t == null) {
            String why;
            try {
                why = "is " + ReplicationPolicy.of(table).name().toLowerCase(java.util.Locale.ROOT)
                        + ", not replicated";
            } catch (IllegalArgumentException e) {
                why = "is not a table this code knows";
            }
            throw new StorageException(description + ": entry " + entry.seq() + " (" + entry.origin() + ") changes "
                    + table + ", which " + why + "; the center must not send it. Nothing of the batch was applied.");
        }
        return t;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = prepared.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            prepared.put(sql, ps);
        }
        return ps;
    }

    private void movePosition(long before, long first, LedgerEntry last, String centerId, Instant appliedAt)
            throws SQLException {
        long committed = Times.epochMicros(Times.micros(last.committedAt()));
        long applied = Times.epochMicros(appliedAt);
        int rows;
        if (position.isEmpty()) {
            PreparedStatement ps = statement("INSERT INTO ldb_position (id, seq, center_id, committed_at, applied_at)"
                    + " SELECT 1, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ldb_position)");
            ps.setLong(1, last.seq());
            ps.setString(2, centerId);
            ps.setLong(3, committed);
            ps.setLong(4, applied);
            rows = ps.executeUpdate();
        } else {
            PreparedStatement ps = statement("UPDATE ldb_position SET seq = ?, committed_at = ?, applied_at = ?"
                    + " WHERE id = 1 AND seq = ? AND center_id = ?");
            ps.setLong(1, last.seq());
            ps.setLong(2, committed);
            ps.setLong(3, applied);
            ps.setLong(4, first - 1);
            ps.setString(5, centerId);
            rows = ps.executeUpdate();
        }
        if (rows != 1) {
            throw new StorageException(description + ": its position is no longer " + before + " (another process"
                    + " applied entries to it, or changed it); nothing of entries " + first + ".." + last.seq()
                    + " was applied. Run one reflector per LDB.");
        }
    }

    private static int neededVersion(LedgerEntry entry) {
        int needed = entry.schemaVersion();
        for (LedgerChange change : entry.changes()) {
            if (change instanceof LedgerChange.Migrate m) {
                needed = Math.max(needed, m.version());
            }
        }
        return needed;
    }

    private void rollbackQuietly() {
        try {
            rollback.execute();
        } catch (SQLException e) {
            // SQLite already ended the transaction.
        }
    }

    private Path walFile() {
        return path.resolveSibling(path.getFileName() + "-wal");
    }

    /** The newest migration applied to the LDB. */
    private static int schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(CAST(version AS INTEGER))"
                + " FROM " + SchemaMigrator.HISTORY_TABLE + " WHERE success AND version IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The position row, checked: one row whose values have the types and ranges the applier writes. Anything else
     * means the file was changed by something other than a reflector.
     */
    private static Optional<LdbPosition> readPosition(Connection c, String description) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, seq, center_id,"
                + " committed_at, applied_at, typeof(seq), typeof(center_id), typeof(committed_at),"
                + " typeof(applied_at) FROM ldb_position")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String problem = null;
            if (!rs.getString(6).equals("integer") || rs.getLong(2) < 1) {
                problem = "seq is " + rs.getString(2) + " (" + rs.getString(6) + "), not a positive integer";
            } else if (!rs.getString(7).equals("text") || rs.getString(3).isBlank()) {
                problem = "center_id is " + rs.getString(3) + " (" + rs.getString(7) + "), not a center id";
            } else if (!rs.getString(8).equals("integer") || !rs.getString(9).equals("integer")) {
                problem = "committed_at/applied_at are " + rs.getString(4) + "/" + rs.getString(5)
                        + ", not epoch microseconds";
            }
            if (problem != null) {
                throw new StorageException(description + " has a damaged position row (ldb_position: " + problem
                        + "); the file cannot say which entries it holds. Delete it and let the reflector rebuild"
                        + " it from the center. Nothing was changed.");
            }
            return Optional.of(new LdbPosition(rs.getLong(2), rs.getString(3), Times.ofEpochMicros(rs.getLong(4)),
                    Times.ofEpochMicros(rs.getLong(5))));
        }
    }

    /** Runs every read-only check of {@link #open}; returns the file's absolute path. */
    private static Path inspected(Path path) {
        Path file = requireFolder(path);
        String description = "LDB " + file;
        if (!Files.exists(file)) {
            throw new StorageException(description + ": no such file; create one with Ldb.create (a reflector"
                    + " creates it on its first start), or check the path");
        }
        if (Files.isDirectory(file)) {
            throw new StorageException(description + ": the path is a directory; give the LDB file's path");
        }
        requireSqliteHeader(file, description);
        try (Connection c = dataSource(file, true).getConnection()) {
            if (!hasSecretsGuard(c)) {
                throw new StorageException(description + ": the file is a SQLite database but not an LDB (it has no "
                        + SECRETS_GUARD + " trigger" + (hasTable(c, SchemaMigrator.HISTORY_TABLE)
                        ? "; it looks like a store's own SQLite file, which is written by its store, not by a"
                        + " reflector" : "") + "); give the path of an LDB, or a new path for the reflector to"
                        + " create one. The file was not changed.");
            }
            new SchemaMigrator(dataSource(file, true), "sqlite", description).standing();
            readPosition(c, description);
        } catch (SQLException e) {
            throw failure(description, "reading it", e);
        }
        return file;
    }

    private static void requireSqliteHeader(Path file, String description) {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new StorageException(description + ": cannot read the file: " + e.getMessage(), e);
        }
        if (!Arrays.equals(header, SQLITE_HEADER)) {
            throw new StorageException(description + ": the file is not an LDB (not even a SQLite database: "
                    + (header.length == 0 ? "it is empty" : "its first bytes are not the SQLite header")
                    + "); check the path. The file was not changed.");
        }
    }

    private static boolean hasSecretsGuard(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = 'secrets'")) {
            ps.setString(1, SECRETS_GUARD);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Path requireFolder(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        Path file = path.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new StorageException("LDB " + file + ": the folder " + folder + (Files.exists(folder)
                    ? " is not a directory" : " does not exist") + "; create it first (mkdir -p " + folder
                    + ") or give a path in an existing folder. Nothing was created.");
        }
        return file;
    }

    private static SQLiteDataSource dataSource(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true); // deletes cascade exactly as at the center
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        if (readOnly) {
            config.setReadOnly(true);
            config.setOpenMode(SQLiteOpenMode.READONLY);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static StorageException failure(String description, String doing, SQLException e) {
        SQLiteException sqlite = e instanceof SQLiteException s ? s : null;
        SQLiteErrorCode code = sqlite == null ? null : sqlite.getResultCode();
        if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
            return new StorageException(description + " is damaged (" + e.getMessage() + ") while " + doing
                    + "; delete it and let the reflector rebuild it from the center", e);
        }
        if (code == SQLiteErrorCode.SQLITE_FULL) {
            return new StorageException(description + ": the disk is full while " + doing + "; free space and"
                    + " restart the reflector", e);
        }
        return new StorageException(description + ": " + doing + " failed: " + e.getMessage(), e);
    }

    private static void deleteWithJournals(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // A local file's connection fails to close only when it is already unusable.
            }
        }
    }
}
