package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.server.ReadmeExamples;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.control.Mutation;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's curl examples of "Read sidecar" verbatim with bash against a sidecar over an LDB that a
 * reflector keeps in step with a center holding the rows the examples read, and compares the output with the
 * README's.
 */
class SidecarReadmeTest {

    @Test
    @DisplayName("the README's sidecar curl examples run as written and print what the README shows")
    void readmeExamples(@TempDir Path dir) throws Exception {
        List<ReadmeExamples.Example> examples = ReadmeExamples.of("## Read sidecar");
        assertThat(examples).isNotEmpty();
        Path centerFile = dir.resolve("center.db");
        try (SqliteStore center = SqliteStore.builder().path(centerFile).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            ControlStore control = center.control(ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5)));
            control.createFamily("flags");
            control.createTables(List.of(new TableDefinition("flags", "features", List.of(
                    new FieldDefinition("name", FieldType.STRING), new FieldDefinition("id", FieldType.INTEGER),
                    new FieldDefinition("enabled", FieldType.INTEGER)), List.of("name", "id"))));
            control.registerWriter("readme", "readme-secret");
            control.mutate(new WriterCredentials("readme", "readme-secret"), new MutationBatch("flags",
                    Optional.empty(), Optional.empty(), List.of(
                            new Mutation("features", false, Map.of("name", "checkout", "id", 42L, "enabled", 1L)),
                            new Mutation("features", false, Map.of("name", "checkout", "id", 43L, "enabled", 0L)))));
            Tenant tenant = center.admin().insertTenant(Tenant.builder().name("Shop").slug("shop").build());
            center.instances().insert(Instance.builder().tenantId(tenant.id()).name("Storefront").slug("storefront")
                    .state(InstanceState.RUNNING).build());
            long seq = center.ledgerPosition();
            try (Reflector reflector = Reflector.builder().ldb(dir.resolve("ldb.db"))
                         .source(JdbcLedgerSource.builder().jdbcUrl("jdbc:sqlite:" + centerFile).build())
                         .pollInterval(Duration.ofMillis(20)).build().start();
                 SidecarServer sidecar = SidecarServer.builder().ldb(dir.resolve("ldb.db")).port(0).build().start()) {
                for (ReadmeExamples.Example e : examples) {
                    e.run(Map.of("SIDECAR", sidecar.uri().toString(), "SEQ", Long.toString(seq),
                            "TENANT", tenant.id().value()));
                }
                assertThat(reflector.state().position()).isGreaterThanOrEqualTo(seq);
            }
        }
    }
}
