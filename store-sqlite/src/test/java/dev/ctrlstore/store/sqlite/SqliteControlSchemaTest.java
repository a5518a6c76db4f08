package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.sql.CommitHook;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.control.ControlSchemaTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The control schema on a SQLite center (files in a temporary directory, ledger on). */
class SqliteControlSchemaTest extends ControlSchemaTests {
    @TempDir
    Path dir;

    @Override
    protected SqlDatabase open(String name) {
        SqliteDatabase db = new SqliteDatabase(new SqliteConfig(dir.resolve(name + ".db"), false, 2,
                Duration.ofSeconds(5), Clock.systemUTC(), Optional.empty(), LedgerMode.SYNC), CommitHook.NONE);
        db.migrate();
        return db;
    }
}
