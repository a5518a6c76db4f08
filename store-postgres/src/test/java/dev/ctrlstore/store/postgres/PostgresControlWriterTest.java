package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlWriterTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;

import java.util.function.Function;

/** Writers of control tables on a PostgreSQL center. */
@PostgresTest
class PostgresControlWriterTest extends ControlWriterTests {
    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @Override
    protected SqlStore open(String name) {
        return PostgresLedgerTest.open(database, "control_" + name, LedgerMode.SYNC);
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return PostgresLedgerTest.query(database, "control_" + name, query);
    }
}
