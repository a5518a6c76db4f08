package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad settings, a server that is not there and a server that goes away: clear, typed errors. The last needs a
 * server of its own to stop, so it starts one.
 */
@PostgresTest
class PostgresFailureTest {

    @Test
    void unreachableServerIsRetryableUnavailableAndHidesThePassword() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/nowhere?password=hunter2";
        assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).connectionTimeout(Duration.ofMillis(500))
                .build())
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void serverThatGoesAwayMakesCallsRetryableUnavailable() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        TenantId tenant = TenantId.generate();
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(server.getJdbcUrl("postgres", "postgres"))
                .connectionTimeout(Duration.ofMillis(500)).build()) {
            store.migrate();
            store.instances().insert(Instance.builder().tenantId(tenant).name("one").slug("one").build());

            server.close();

            assertThatThrownBy(() -> store.instances().count(tenant))
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.isRetryable()).isTrue());
            assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void settingsAreValidated() {
        assertInvalidArgument(() -> PostgresStore.builder().build(), "jdbcUrl");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:mysql://db/x").build(), "jdbcUrl");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://db/x")
                .dataSource(new org.postgresql.ds.PGSimpleDataSource()).build(), "jdbcUrl");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://db/x").poolSize(1).build(),
                "poolSize");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://db/x").schema("Bad-Name")
                .build(), "schema");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://db/x").maxRetries(-1)
                .build(), "maxRetries");
        assertInvalidArgument(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://db/x")
                .connectionTimeout(Duration.ofMillis(10)).build(), "connectionTimeout");
    }

    @Test
    void callsBeforeMigrateSayToMigrate(TestDatabase db) {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).schema("later").build()) {
            assertThatThrownBy(() -> store.instances().count(TenantId.generate()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("call migrate()");
            store.migrate();
            assertThat(store.instances().count(TenantId.generate())).isZero();
            assertThat(store.config().toString()).contains("schema=later");
        }
    }
}
