package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.jooq.DefaultSchema;
import org.jooq.Table;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationPolicyTest {

    @Test
    @DisplayName("every table of the generated schema is classified; a migration adding a table fails here")
    void everyGeneratedTableIsClassified() {
        List<? extends Table<?>> tables = DefaultSchema.DEFAULT_SCHEMA.getTables();
        assertThat(tables).hasSizeGreaterThanOrEqualTo(19);
        for (Table<?> table : tables) {
            assertThat(ReplicationPolicy.of(table)).as(table.getName()).isNotNull();
        }
    }

    @Test
    @DisplayName("control data is replicated; secrets and history never; the ledger's tables are bookkeeping")
    void classification() {
        assertThat(ReplicationPolicy.replicatedTables()).extracting(Table::getName).containsExactly("tenants",
                "instances", "instance_labels", "releases", "deployments", "health_checks", "domains", "routes",
                "certificates", "control_families", "control_tables");
        for (String never : List.of("secrets", "health_results", "metrics", "logs", "spans", "resource_snapshots",
                "audit_log", "control_writers", "control_writer_usage", "control_writer_limits",
                "control_table_limits")) {
            assertThat(ReplicationPolicy.of(never)).as(never).isEqualTo(ReplicationPolicy.Kind.NEVER);
        }
        for (String bookkeeping : List.of("ledger_head", "ledger", "ldb_position")) {
            assertThat(ReplicationPolicy.of(bookkeeping)).as(bookkeeping)
                    .isEqualTo(ReplicationPolicy.Kind.BOOKKEEPING);
        }
    }

    @Test
    @DisplayName("replicated tables come after every table they reference, so a replica can fill them in order")
    void replicatedTablesAreParentsFirst() {
        List<Table<?>> order = ReplicationPolicy.replicatedTables();
        for (int i = 0; i < order.size(); i++) {
            Table<?> table = order.get(i);
            for (var reference : table.getReferences()) {
                Table<?> parent = reference.getKey().getTable();
                assertThat(order.indexOf(parent)).as("%s references %s", table.getName(), parent.getName())
                        .isBetween(0, i);
            }
        }
    }

    @Test
    @DisplayName("an unknown table is an error naming it and where to classify it")
    void unknownTable() {
        assertThatThrownBy(() -> ReplicationPolicy.of("widgets"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table widgets is not classified")
                .hasMessageContaining("ReplicationPolicy");
    }
}
