package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.control.ControlMutationTests;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.util.function.Function;

/** Mutations of control tables on a PostgreSQL center. */
@PostgresTest
class PostgresControlMutationTest extends ControlMutationTests {
    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @Override
    protected SqlStore open(String name, Clock clock) {
        return PostgresControlWriterTest.open(database, "mutation_" + name, clock);
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return PostgresLedgerTest.query(database, "mutation_" + name, query);
    }
}
