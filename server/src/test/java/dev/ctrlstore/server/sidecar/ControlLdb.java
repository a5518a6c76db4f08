package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.ldb.Ldb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An LDB with control tables put in by SQL, as the reflector's applier leaves them: a registry row in
 * {@code control_tables} and the rows in {@code ct_<id>}. The sidecar's route tests need no center this way; the
 * end-to-end test covers the path through the center and the reflector.
 */
final class ControlLdb implements AutoCloseable {
    final Path path;
    private final Connection c;

    ControlLdb(Path path) throws SQLException {
        Ldb.create(path).close();
        this.path = path;
        this.c = DriverManager.getConnection("jdbc:sqlite:" + path);
        sql("INSERT INTO ldb_position (id, seq, center_id, committed_at, applied_at) VALUES (1, 1, 'center', ?, ?)",
                micros(Instant.now()), micros(Instant.now()));
    }

    /**
     * Registers table {@code id} of {@code family} and creates it.
     *
     * @param fields the registry's JSON, e.g. {@code [["name","string"],["n","integer"]]}
     * @param key the registry's JSON, e.g. {@code ["name"]}
     * @param columns the physical table's column list, as the applier renders it for SQLite
     */
    ControlLdb table(long id, String family, String name, String fields, String key, String columns)
            throws SQLException {
        long now = micros(Instant.now());
        sql("INSERT INTO control_families (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING", family, now);
        sql("INSERT INTO control_tables (id, family, name, fields, key_fields, version, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 1, ?, ?)", id, family, name, fields, key, now, now);
        sql("CREATE TABLE \"ct_" + id + "\" (" + columns + ")");
        return this;
    }

    ControlLdb sql(String statement, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.execute();
        }
        return this;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
