package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlMutationTests;
import org.jooq.DSLContext;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/** Mutations of control tables on a SQLite center. */
class SqliteControlMutationTest extends ControlMutationTests {
    @TempDir
    Path dir;

    @Override
    protected SqlStore open(String name, Clock clock) {
        return SqliteControlWriterTest.open(dir, name, clock);
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return SqliteFiles.query(dir.resolve(name + ".db"), query);
    }
}
