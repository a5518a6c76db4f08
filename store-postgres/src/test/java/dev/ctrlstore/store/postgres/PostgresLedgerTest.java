package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.ledger.LedgerCenterTests;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ctrlstore.store.admin.AuditEntry;
import dev.ctrlstore.store.admin.Tenant;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        return query(database, "ledger_" + name, query);
    }

    /** Runs {@code query} with jOOQ on its own connection to {@code schema}. */
    static <T> T query(TestDatabase db, String schema, Function<DSLContext, T> query) {
        try (Connection c = db.dataSource().getConnection()) {
            c.setSchema(schema);
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

            List<LedgerEntry> entries = store.ledger().read(1, 10);
            assertThat(entries).as("after the migration's entry, 1").extracting(LedgerEntry::seq)
                    .containsExactly(2L);
            assertThat(entries.get(0).changes()).hasSize(3);
            assertThat(((LedgerChange.Upsert) entries.get(0).changes().get(0)).row())
                    .containsEntry("id", stored.id().value());
            assertThat(store.ledgerPosition()).isEqualTo(2);
            long attempts = query("retried", dsl -> dsl.fetchSingle("SELECT last_value FROM ledger_retried.attempts")
                    .get(0, Long.class));
            assertThat(attempts).as("the first attempt's label insert failed, then two passed").isEqualTo(3L);
        }
    }

    @Test
    @DisplayName("the append is sent with COMMIT: the connection's own commit then finds the server idle and sends"
            + " nothing")
    void commitAfterTheAppendSendsNothing() throws SQLException {
        List<TransactionState> states = new CopyOnWriteArrayList<>();
        DataSource target = database.dataSource();
        DataSource recording = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    // pgjdbc's commit() sends COMMIT only when the server is not idle.
                                    states.add(c.unwrap(BaseConnection.class).getTransactionState());
                                }
                                return invoke(c, m, a);
                            });
                });
        open(database, "ledger_idle", LedgerMode.OFF).close();
        try (PostgresStore store = PostgresStore.builder().dataSource(recording).schema("ledger_idle")
                .ledger(LedgerMode.SYNC).secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .build()) {
            Tenant tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("t").build());
            assertThat(states).as("the ledgered write's commit").containsExactly(TransactionState.IDLE);
            states.clear();
            store.admin().insertAuditEntry(AuditEntry.builder().tenantId(tenant.id()).actorId("usr_1")
                    .action("a").build());
            assertThat(states).as("a write without an entry commits as before").containsExactly(TransactionState.OPEN);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    @DisplayName("after a commit the center notifies ctrlstore_ledger with the entry's seq")
    void notifiesAfterCommit() throws SQLException {
        try (SqlStore store = open(database, "ledger_notify", LedgerMode.SYNC);
             Connection listener = database.dataSource().getConnection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN ctrlstore_ledger");
            }
            store.instances().insert(Instance.builder().tenantId(TenantId.generate()).name("a").slug("a").build());
            String seq = Long.toString(store.ledgerPosition());
            PGConnection pg = listener.unwrap(PGConnection.class);
            List<String> payloads = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!payloads.contains(seq) && System.nanoTime() < deadline) {
                PGNotification[] notifications = pg.getNotifications(1_000);
                for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
                    assertThat(n.getName()).isEqualTo("ctrlstore_ledger");
                    payloads.add(n.getParameter());
                }
            }
            assertThat(payloads).contains(seq);
        }
    }

    @Test
    @DisplayName("awaitFlushed returns once the WAL is flushed past what was visible at the call")
    void awaitFlushedWaitsForTheWalFlush() throws SQLException {
        // The test server commits asynchronously (synchronous_commit off), as a GROUP_COMMIT center does under
        // its counter: entries become visible before their WAL is flushed.
        try (SqlStore store = open(database, "ledger_flushed", LedgerMode.SYNC);
             Connection c = database.dataSource().getConnection()) {
            store.instances().insert(Instance.builder().tenantId(TenantId.generate()).name("a").slug("a").build());
            String before;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
                rs.next();
                before = rs.getString(1);
            }
            assertThat(LedgerQueries.awaitFlushed(c, 10_000)).isTrue();
            try (var ps = c.prepareStatement("SELECT pg_current_wal_flush_lsn() >= ?::pg_lsn")) {
                ps.setString(1, before);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("flushed past %s", before).isTrue();
                }
            }
        }
    }
}
