package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlWriterTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

/** Writers of control tables on a SQLite center. */
class SqliteControlWriterTest extends ControlWriterTests {
    @TempDir
    Path dir;

    @Override
    protected SqlStore open(String name) {
        SqliteStore store = SqliteStore.builder().path(dir.resolve(name + ".db")).ledger(LedgerMode.SYNC).build();
        store.migrate();
        return store;
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return SqliteFiles.query(dir.resolve(name + ".db"), query);
    }
}
