package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlWriterTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
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
    protected SqlStore open(String name, Clock clock) {
        return open(database, "control_" + name, clock);
    }

    /**
     * A migrated store with the ledger on, in {@code schema}, with connections for 8 concurrent writers and retries
     * enough for them all to contend for one writer's usage row.
     */
    static PostgresStore open(TestDatabase db, String schema, Clock clock) {
        PostgresStore store = PostgresStore.builder()
                .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password())
                .poolSize(9).maxRetries(50).schema(schema).ledger(LedgerMode.SYNC).clock(clock)
                .build();
        store.migrate();
        return store;
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return PostgresLedgerTest.query(database, "control_" + name, query);
    }
}
