package dev.ctrlstore.replication.replica;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.store.internal.Times;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** LDB files for tests, and the position writes a reflector would make. */
final class LdbFiles {
    private LdbFiles() {
    }

    /** A new LDB at {@code file}, with nothing applied. */
    static Path create(Path file) {
        Ldb.create(file).close();
        return file;
    }

    /** Records {@code seq} as applied, committed at the center at {@code committedAt}. */
    static void position(Path file, long seq, Instant committedAt) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("insert into ldb_position (id, seq, center_id, committed_at,"
                     + " applied_at) values (1, ?, 'c0ffee', ?, ?) on conflict (id) do update set seq = excluded.seq,"
                     + " committed_at = excluded.committed_at, applied_at = excluded.applied_at")) {
            s.setLong(1, seq);
            s.setLong(2, Times.epochMicros(committedAt));
            s.setLong(3, Times.epochMicros(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the position of " + file + ": " + e.getMessage(), e);
        }
    }
}
