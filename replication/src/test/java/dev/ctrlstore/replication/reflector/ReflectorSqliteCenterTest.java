package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.ControlData;
import dev.ctrlstore.replication.ldb.Images;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.ledger.LedgerChange;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A SQLite center with a ledger, read over JDBC by a reflector: the whole path without a server. */
class ReflectorSqliteCenterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    @DisplayName("writes, updates and cascading deletes at a SQLite center reach the LDB row for row")
    void replicates() throws Exception {
        Path centerFile = dir.resolve("center.db");
        Path ldb = dir.resolve("ldb.db");
        try (SqliteStore center = SqliteStore.builder().path(centerFile).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            try (Reflector reflector = Reflector.builder().ldb(ldb)
                    .source(JdbcLedgerSource.builder().jdbcUrl("jdbc:sqlite:" + centerFile).build())
                    .pollInterval(Duration.ofMillis(10)).build().start()) {
                Instance kept = ControlData.populate(center, "1");
                Instance gone = ControlData.populate(center, "2");
                center.instances().update(center.instances().get(kept.tenantId(), kept.id()).toBuilder()
                        .labels(Map.of("only", "this")).build());
                center.instances().delete(gone.tenantId(), gone.id());

                long head = center.ledger().head().seq();
                assertThat(LdbSignals.await(ldb, head, PATIENCE)).as("applied %d: %s", head, reflector.state())
                        .isTrue();
                Map<String, Map<String, Map<String, Object>>> expected;
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + centerFile)) {
                    expected = Images.of(DSL.using(c, SQLDialect.SQLITE));
                }
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ldb)) {
                    assertThat(Images.of(DSL.using(c, SQLDialect.SQLITE))).isEqualTo(expected);
                }
                assertThat(expected.get("instance_labels")).hasSize(1);
                assertThat(center.ledger().read(0, 1).getFirst().changes())
                        .as("the center's migration travelled through the ledger too")
                        .containsExactly(new LedgerChange.Migrate(SchemaMigrator.newestVersion("sqlite")));
                try (SqliteStore replica = SqliteStore.builder().path(ldb).readOnly(true).build()) {
                    assertThat(replica.instances().get(kept.tenantId(), kept.id()))
                            .isEqualTo(center.instances().get(kept.tenantId(), kept.id()));
                    assertThat(replica.instances().count(gone.tenantId())).isZero();
                }
            }
        }
    }
}
