package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Driver errors reach callers as the API's exceptions, never as SQLException or jOOQ exceptions. */
class SqliteErrorTranslationTest {
    @TempDir
    Path dir;

    private SqliteDatabase open(Path file, Duration busyTimeout) {
        SqliteDatabase db = new SqliteDatabase(new SqliteConfig(file, false, 2, busyTimeout, Clock.systemUTC(),
                Optional.empty()));
        db.migrate();
        return db;
    }

    @Test
    void uniqueViolationNamesTheKeyByItsColumns() {
        try (SqliteDatabase db = open(dir.resolve("unique.db"), Duration.ofSeconds(1))) {
            insert(db, tenant(TenantId.generate(), "acme"));

            assertThatThrownBy(() -> insert(db, tenant(TenantId.generate(), "acme")))
                    .isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
                        assertThat(e.key().name()).isEqualTo("tenants_slug_key");
                        assertThat(e.field()).isEqualTo("slug");
                    });
            TenantId id = TenantId.generate();
            insert(db, tenant(id, "other"));
            assertThatThrownBy(() -> insert(db, tenant(id, "third")))
                    .isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
                        assertThat(e.key().primary()).isTrue();
                        assertThat(e.field()).isEqualTo("id");
                    });
            int rows = db.read(ctx -> ctx.fetchCount(TENANTS));
            assertThat(rows).isEqualTo(2);
        }
    }

    private static void insert(SqliteDatabase db, dev.ctrlstore.store.jooq.tables.records.TenantsRecord row) {
        db.transact("test", tx -> {
            tx.insert(row);
            return null;
        });
    }

    @Test
    void lockHeldByAnotherProcessPastTheBusyTimeoutIsRetryable() throws Exception {
        Path file = dir.resolve("locked.db");
        try (SqlitePair pair = new SqlitePair(file)) {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> pair.store.instances().insert(Instance.builder()
                        .tenantId(TenantId.generate()).name("blocked").slug("blocked").build()))
                        .isInstanceOfSatisfying(StoreUnavailableException.class,
                                e -> assertThat(e.isRetryable()).isTrue())
                        .hasMessageContaining("busy timeout (200 ms)");
                statement.execute("ROLLBACK");
            }
            TenantId tenant = TenantId.generate();
            pair.store.instances().insert(Instance.builder().tenantId(tenant).name("free").slug("free").build());
            assertThat(pair.store.instances().count(tenant)).isEqualTo(1);
        }
    }

    private static dev.ctrlstore.store.jooq.tables.records.TenantsRecord tenant(TenantId id, String slug) {
        var r = new dev.ctrlstore.store.jooq.tables.records.TenantsRecord();
        Instant now = Instant.parse("2026-03-14T15:09:26.535897Z");
        r.setId(id);
        r.setExternalId("");
        r.setName(slug);
        r.setSlug(slug);
        r.setStatus(dev.ctrlstore.store.admin.TenantStatus.ACTIVE);
        r.setPlan("free");
        r.setQuotaMaxInstances(1);
        r.setQuotaMaxCpuMillis(1);
        r.setQuotaMaxMemoryMb(1);
        r.setQuotaMaxDiskMb(1);
        r.setQuotaMaxDomains(1);
        r.setQuotaMaxSecrets(1);
        r.setMetadata(java.util.Map.of());
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.setVersion(1L);
        return r;
    }

    /** A migrated store with a short busy timeout. */
    private static final class SqlitePair implements AutoCloseable {
        final SqliteStore store;

        SqlitePair(Path file) {
            store = SqliteStore.builder().path(file).busyTimeout(Duration.ofMillis(200)).build();
            store.migrate();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
