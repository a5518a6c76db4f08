package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.control.ControlSchemaTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The control schema on a PostgreSQL center: DDL in the transaction that appends its ledger entry. */
@PostgresTest
class PostgresControlSchemaTest extends ControlSchemaTests {
    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @Override
    protected SqlDatabase open(String name) {
        return PostgresLedgerTest.open(database, "control_" + name, LedgerMode.SYNC).database();
    }
}
