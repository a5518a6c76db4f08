package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlWriterTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/** Writers of control tables on a SQLite center. */
class SqliteControlWriterTest extends ControlWriterTests {
    @TempDir
    Path dir;

    @Override
    protected SqlStore open(String name, Clock clock) {
        return open(dir, name, clock);
    }

    /** A migrated store with the ledger on, in file {@code name}.db of {@code dir}. */
    static SqliteStore open(Path dir, String name, Clock clock) {
        SqliteStore store = SqliteStore.builder().path(dir.resolve(name + ".db")).ledger(LedgerMode.SYNC)
                .clock(clock).build();
        store.migrate();
        return store;
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return SqliteFiles.query(dir.resolve(name + ".db"), query);
    }
}
