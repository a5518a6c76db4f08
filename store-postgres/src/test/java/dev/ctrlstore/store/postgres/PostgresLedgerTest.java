package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.ledger.LedgerCenterTests;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** A PostgreSQL center: the ledger appended by the transaction's last statement, sent with COMMIT. */
@PostgresTest
class PostgresLedgerTest extends LedgerCenterTests {
    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    static PostgresStore open(TestDatabase db, String schema, LedgerMode mode) {
        PostgresStore store = PostgresStore.builder()
                .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password())
                .poolSize(4).schema(schema).ledger(mode)
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .build();
        store.migrate();
        return store;
    }

    @Override
    protected SqlStore openWithLedger(String name) {
        return open(database, "ledger_" + name, LedgerMode.SYNC);
    }

    @Override
    protected SqlStore openWithoutLedger(String name) {
        return open(database, "ledger_" + name, LedgerMode.OFF);
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setSchema("ledger_" + name);
            return query.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a rolled-back retry consumes no number and leaks none of its changes into the entry")
    void retriedWriteConsumesNoNumber() throws SQLException {
        try (SqlStore store = open(database, "ledger_retried", LedgerMode.SYNC)) {
            // The first label insert fails as a serialization failure; the sequence is not rolled back, so the
            // second attempt passes.
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET search_path TO ledger_retried");
                s.execute("CREATE SEQUENCE attempts");
                s.execute("CREATE FUNCTION fail_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF nextval('ledger_retried.attempts') = 1 THEN RAISE EXCEPTION 'injected conflict'"
                        + " USING ERRCODE = 'serialization_failure'; END IF; RETURN NEW; END $$");
                s.execute("CREATE TRIGGER fail_first BEFORE INSERT ON instance_labels FOR EACH ROW"
                        + " EXECUTE FUNCTION fail_first()");
            }
            TenantId tenant = TenantId.generate();
            Instance stored = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .labels(Map.of("team", "x", "tier", "web")).build());

            List<LedgerEntry> entries = store.ledger().read(0, 10);
            assertThat(entries).extracting(LedgerEntry::seq).containsExactly(1L);
            assertThat(entries.get(0).changes()).hasSize(3);
            assertThat(((LedgerChange.Upsert) entries.get(0).changes().get(0)).row())
                    .containsEntry("id", stored.id().value());
            assertThat(store.ledgerPosition()).isEqualTo(1);
            long attempts = query("retried", dsl -> dsl.fetchSingle("SELECT last_value FROM ledger_retried.attempts")
                    .get(0, Long.class));
            assertThat(attempts).as("the first attempt's label insert failed, then two passed").isEqualTo(3L);
        }
    }
}
