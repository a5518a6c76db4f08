package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerReplica;
import dev.ctrlstore.test.postgres.PostgresTest;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole compatibility kit on PostgreSQL centers with the ledger on (SYNC); after each test, every store's
 * ledger, replayed from the start, must equal its replicated tables.
 */
@PostgresTest
class PostgresLedgerContractTest extends PostgresStoreContractTest {
    private final List<PostgresStore> stores = new ArrayList<>();

    @Override
    protected String schemaPrefix() {
        return "tck_ledger_";
    }

    @Override
    protected PostgresStore.Builder configure(PostgresStore.Builder builder) {
        return builder.ledger(LedgerMode.SYNC);
    }

    @Override
    protected Store createStore() {
        Store store = super.createStore();
        stores.add((PostgresStore) store);
        return store;
    }

    @AfterEach
    void ledgerEqualsTables() throws SQLException {
        for (PostgresStore store : stores) {
            String schema = store.config().schema().orElseThrow();
            try (Connection c = database().dataSource().getConnection()) {
                c.setSchema(schema);
                // The store may be closed by now: the ledger is read from its schema directly.
                LedgerReplica replica = new LedgerReplica(0);
                for (var entries = dev.ctrlstore.store.sql.ledger.LedgerQueries.read(c, 0, 10_000);
                     !entries.isEmpty(); entries = dev.ctrlstore.store.sql.ledger.LedgerQueries.read(c,
                        replica.position(), 10_000)) {
                    entries.forEach(replica::apply);
                }
                assertThat(replica.tables()).as("ledger of schema %s replayed", schema)
                        .isEqualTo(LedgerReplica.images(DSL.using(c, SQLDialect.POSTGRES)));
            }
        }
        stores.clear();
    }
}
