package dev.ctrlstore.replication.replica;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.replication.reflector.ReflectorState;
import dev.ctrlstore.store.NotReplicatedException;
import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.SecretType;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's "Replication" snippets, with this test's server and folder in place of the README's: a center with a
 * ledger, a reflector following it over JDBC (LISTEN) into a new LDB, and a replica reading its writes.
 */
@PostgresTest
class ReplicationReadmeTest {
    @TempDir
    Path dir;

    @Test
    void centerReflectorAndReplicaAsTheReadmeShowsThem(TestDatabase db) {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Path ldb = dir.resolve("ldb.db");
        String pw = db.password();

        PostgresStore center = PostgresStore.builder()
                .jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password())
                .secretCipher(AesGcmSecretCipher.fromBase64(key))
                .ledger(LedgerMode.SYNC)             // GROUP_COMMIT on a server with a real fsync; default OFF
                .build();
        center.migrate();

        Reflector reflector = Reflector.builder()
                .ldb(ldb)
                .source(JdbcLedgerSource.builder()
                        .jdbcUrl(db.jdbcUrl()).user(db.user()).password(pw)
                        .listen(true)                // wake on the center's NOTIFY; it also polls
                        .build())
                .build().start();                    // close() stops it; state() says where it is

        try (center; reflector;
             LdbStore replica = LdbStore.builder().path(ldb).build()) {
            TenantId tenant = center.admin().insertTenant(Tenant.builder().name("Acme").slug("acme").build()).id();
            Instance created = center.instances().insert(Instance.builder().tenantId(tenant).name("api").slug("api")
                    .build());
            center.secrets().insert(Secret.builder().tenantId(tenant).instanceId(created.id()).key("TOKEN")
                    .type(SecretType.ENV).value(SecretValue.ofUtf8("marker-7f3c")).build());

            Instance changed = created.toBuilder().state(InstanceState.RUNNING).build();
            Instance updated = center.instances().update(changed);
            replica.awaitPosition(center.ledgerPosition(), Duration.ofSeconds(30));
            assertThat(replica.instances().get(tenant, updated.id())).isEqualTo(updated);   // the new version

            Instance i = replica.instances().get(tenant, created.id());
            Duration behind = replica.ledgerLatency(); // now − commit time of the last applied entry
            assertThat(i.version()).isEqualTo(2);
            assertThat(behind.isNegative()).isFalse();
            assertThat(replica.admin().getTenant(tenant).slug()).isEqualTo("acme");

            assertThatThrownBy(() -> replica.secrets().count(tenant)).isInstanceOf(NotReplicatedException.class);
            assertThatThrownBy(() -> replica.instances().delete(tenant, created.id()))
                    .isInstanceOf(ReadOnlyStoreException.class);
            ReflectorState state = reflector.state();
            assertThat(state.phase()).isEqualTo(ReflectorState.Phase.FOLLOWING);
            assertThat(state.position()).isGreaterThanOrEqualTo(center.ledgerPosition());
        }
        assertThat(Files.exists(ldb)).isTrue();
    }
}
