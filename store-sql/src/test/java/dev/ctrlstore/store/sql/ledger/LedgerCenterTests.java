package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.WriteCalls;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static dev.ctrlstore.store.jooq.Tables.LEDGER;
import static dev.ctrlstore.store.jooq.Tables.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a center with a ledger must do, whatever its backend: each backend's test extends this and opens its
 * stores. Every write method's changes reach the ledger (replayed, they equal the tables), numbers are gap-free,
 * the caller's position covers its writes, failed writes consume no number, and secrets never appear.
 */
public abstract class LedgerCenterTests {

    /** A new, migrated store with the ledger on ({@link LedgerMode#SYNC}), named {@code name}. */
    protected abstract SqlStore openWithLedger(String name);

    /** A new, migrated store without a ledger. */
    protected abstract SqlStore openWithoutLedger(String name);

    /** Runs {@code query} with jOOQ on the database of the store named {@code name}. */
    protected abstract <T> T query(String name, Function<DSLContext, T> query);

    @Test
    @DisplayName("every write method's changes reach the ledger: replayed, it equals the replicated tables")
    void everyWriteMethodReachesTheLedger() {
        try (SqlStore store = openWithLedger("every")) {
            WriteCalls calls = WriteCalls.seed(store);
            calls.calls().forEach((name, call) -> call.run());

            LedgerReplica replica = new LedgerReplica(0).catchUp(store.ledger(), 7);

            assertThat(replica.tables()).isEqualTo(query("every", LedgerReplica::images));
            assertThat(replica.tables().get("instances")).as("the seeded instances minus the deleted one")
                    .hasSize(1);
            assertThat(replica.position()).isEqualTo(store.ledger().head().seq())
                    .isEqualTo(store.ledgerPosition());
            List<String> origins = new ArrayList<>();
            store.ledger().read(0, 1000).forEach(e -> origins.add(e.origin()));
            assertThat(origins).contains("instances().insert", "instances().update", "instances().delete",
                            "admin().deleteTenant", "network().insertCertificate")
                    .noneMatch(o -> o.startsWith("secrets()") || o.startsWith("telemetry()"))
                    .doesNotContain("health().insertResult", "admin().insertAuditEntry");
        }
    }

    @Test
    @DisplayName("one entry per transaction, in order; an instance delete lists only the instance")
    void entriesAndPositions() throws Exception {
        try (SqlStore store = openWithLedger("entries")) {
            assertThat(store.ledgerPosition()).as("this thread migrated the store").isEqualTo(1);
            TenantId tenant = TenantId.generate();
            Instance instance = store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a")
                    .labels(Map.of("team", "x", "tier", "web")).build());
            assertThat(store.ledgerPosition()).isEqualTo(2);
            assertThat(CompletableFuture.supplyAsync(store::ledgerPosition).get())
                    .as("another thread committed nothing").isZero();

            store.instances().delete(tenant, instance.id());
            assertThat(store.ledgerPosition()).isEqualTo(3);

            List<LedgerEntry> entries = store.ledger().read(1, 10);
            assertThat(entries).extracting(LedgerEntry::seq).containsExactly(2L, 3L);
            LedgerEntry insert = entries.get(0);
            assertThat(insert.origin()).isEqualTo("instances().insert");
            assertThat(insert.schemaVersion()).isGreaterThanOrEqualTo(5);
            assertThat(insert.committedAt()).isNotNull();
            assertThat(insert.changes()).extracting(c -> ((LedgerChange.Upsert) c).table())
                    .containsExactly("instances", "instance_labels", "instance_labels");
            assertThat(entries.get(1).changes()).containsExactly(
                    new LedgerChange.Delete("instances", Map.of("id", instance.id().value())));
            LedgerHead head = store.ledger().head();
            assertThat(head.seq()).isEqualTo(3);
            assertThat(head.retainedFrom()).isEqualTo(1);
            assertThat(head.centerId()).hasSize(32);
            assertThat(store.ledger().read(3, 10)).isEmpty();
        }
    }

    @Test
    @DisplayName("migrate() appends a Migrate entry when it applied scripts, and nothing when the schema was current")
    void migrateAppendsAnEntry() {
        try (SqlStore store = openWithLedger("migrate")) {
            List<LedgerEntry> entries = store.ledger().read(0, 10);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).origin()).isEqualTo("migrate()");
            assertThat(entries.get(0).changes()).singleElement().isInstanceOfSatisfying(LedgerChange.Migrate.class,
                    m -> assertThat(m.version()).isEqualTo(entries.get(0).schemaVersion()).isGreaterThanOrEqualTo(5));

            store.migrate();
            assertThat(store.ledger().head().seq()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a write that fails consumes no number")
    void failedWriteConsumesNoNumber() {
        try (SqlStore store = openWithLedger("failed")) {
            TenantId tenant = TenantId.generate();
            store.instances().insert(Instance.builder().tenantId(tenant).name("a").slug("a").build());
            assertThatThrownBy(() -> store.instances().insert(Instance.builder().tenantId(tenant).name("b")
                    .slug("a").labels(Map.of("k", "v")).build())).isInstanceOf(AlreadyExistsException.class);
            store.instances().insert(Instance.builder().tenantId(tenant).name("c").slug("c").build());

            assertThat(store.ledger().read(1, 10)).extracting(LedgerEntry::seq).containsExactly(2L, 3L);
            assertThat(store.ledgerPosition()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("secrets never reach the ledger: no entry, no plaintext, no ciphertext, not even the id")
    void secretsNeverReachTheLedger() {
        try (SqlStore store = openWithLedger("secrets")) {
            Tenant tenant = store.admin().insertTenant(Tenant.builder().name("t").slug("t").build());
            Instance instance = store.instances().insert(Instance.builder().tenantId(tenant.id()).name("a")
                    .slug("a").build());
            long before = store.ledger().head().seq();
            SecretMetadata secret = store.secrets().insert(Secret.builder().tenantId(tenant.id())
                    .instanceId(instance.id()).key("DB_PASSWORD").value(SecretValue.ofUtf8("hunter2-plaintext"))
                    .build());
            byte[] ciphertext = query("secrets", dsl -> dsl.select(SECRETS.CIPHERTEXT).from(SECRETS)
                    .fetchSingle(r -> r.value1()));
            store.secrets().update(store.secrets().get(tenant.id(), instance.id(), "DB_PASSWORD").toBuilder()
                    .value(SecretValue.ofUtf8("hunter3-plaintext")).build());
            store.secrets().delete(tenant.id(), instance.id(), "DB_PASSWORD");

            assertThat(store.ledger().head().seq()).isEqualTo(before);
            String all = query("secrets", dsl -> String.join("\n",
                    dsl.select(LEDGER.CHANGES).from(LEDGER).fetch(r -> r.value1())));
            assertThat(all).contains(instance.id().value())
                    .doesNotContain("hunter2", "hunter3", "DB_PASSWORD", secret.id().value(),
                            Base64.getEncoder().encodeToString(ciphertext),
                            Base64.getEncoder().encodeToString("hunter2-plaintext".getBytes()));
        }
    }

    @Test
    @DisplayName("without a ledger nothing is appended and the position stays 0")
    void ledgerOff() {
        try (SqlStore store = openWithoutLedger("off")) {
            store.instances().insert(Instance.builder().tenantId(TenantId.generate()).name("a").slug("a").build());
            assertThat(store.ledgerPosition()).isZero();
            assertThat(store.ledger().head().seq()).isZero();
            assertThat(store.ledger().read(0, 10)).isEmpty();
        }
    }
}
