package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.internal.KeysetCursor;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.tables.records.InstancesRecord;
import dev.ctrlstore.store.spec.WorkloadKind;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On 100,000 instances of one tenant (and 20,000 of another), the list queries the store sends are served by the
 * tenant-first indexes: PostgreSQL walks an index and stops at the page's limit instead of sorting the table, on
 * page 1 and on a page reached by cursor deep in the list.
 */
@PostgresTest
class PostgresListPlanTest {
    private static final int ROWS = 100_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final TenantId TENANT = TenantId.generate();
    private static final TenantId OTHER = TenantId.generate();
    private static final List<InstanceId> IDS = new ArrayList<>();

    private static TestDatabase database;
    private static RecordingDataSource recording;
    private static PostgresStore store;

    @BeforeAll
    static void loadRows(TestDatabase db) throws SQLException {
        database = db;
        recording = new RecordingDataSource(db.dataSource());
        store = PostgresStore.builder().dataSource(recording).schema("plans").build();
        store.migrate();
        try (Connection c = db.dataSource().getConnection()) {
            c.setSchema("plans");
            DSLContext ctx = DSL.using(c, SQLDialect.POSTGRES);
            insert(ctx, TENANT, ROWS);
            insert(ctx, OTHER, ROWS / 5);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE instances");
            }
        }
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static void insert(DSLContext ctx, TenantId tenant, int rows) {
        List<InstancesRecord> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            InstanceId id = InstanceId.generate();
            if (tenant.equals(TENANT)) {
                IDS.add(id);
            }
            Instant at = START.plusSeconds(i);
            InstancesRecord r = new InstancesRecord();
            r.setId(id);
            r.setTenantId(tenant);
            r.setName("instance " + i);
            r.setSlug("i-" + i);
            r.setDatacenterId(i % 2 == 0 ? "dc-a" : "dc-b");
            r.setProviderName("docker");
            r.setProviderRef("");
            r.setServiceRefs(Map.of());
            r.setRegion("eu-1");
            r.setState(i % 10 == 0 ? InstanceState.RUNNING : InstanceState.PROVISIONING);
            r.setKind(WorkloadKind.DEPLOYMENT);
            r.setServices(List.of());
            r.setEndpoints(List.of());
            r.setLabels(Map.of());
            r.setCreatedAt(at);
            r.setUpdatedAt(at);
            r.setVersion(1L);
            batch.add(r);
            if (batch.size() == 2_000) {
                ctx.batchInsert(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            ctx.batchInsert(batch).execute();
        }
    }

    @Test
    void firstPageWalksTheTenantIndex() throws SQLException {
        String plan = planOfPageQuery(InstanceFilter.all(), PageRequest.first(50));
        assertServedByIndex(plan, "instances_tenant_created_idx");
    }

    @Test
    void pageByCursorDeepInTheListWalksTheTenantIndex() throws SQLException {
        // The row 90,000 places from the newest: seek past it, as a client walking the list would.
        int position = ROWS - 90_000;
        Instant at = START.plusSeconds(position);
        String cursor = new KeysetCursor(Times.epochMicros(at), IDS.get(position).value())
                .encode(KeysetCursor.Scope.instances(TENANT, InstanceFilter.all()));

        var page = store.instances().list(TENANT, InstanceFilter.all(), new PageRequest(50, cursor));
        assertThat(page.items()).hasSize(50);
        assertThat(page.items().get(0).slug()).isEqualTo("i-" + (position - 1));

        String plan = planOfPageQuery(InstanceFilter.all(), new PageRequest(50, cursor));
        assertServedByIndex(plan, "instances_tenant_created_idx");
    }

    @Test
    void filteredPageWalksTheFilterIndex() throws SQLException {
        String plan = planOfPageQuery(InstanceFilter.all().withState(InstanceState.RUNNING), PageRequest.first(50));
        assertServedByIndex(plan, "instances_tenant_state_created_idx");
    }

    @Test
    void pageWithoutTotalIsOneStatementOutsideATransaction() {
        recording.clear();
        var page = store.instances().list(TENANT, InstanceFilter.all(), PageRequest.first(50));
        assertThat(page.items()).hasSize(50);
        assertThat(recording.statements()).as("statements of a page without total (no SET TRANSACTION, no count)")
                .extracting(RecordingDataSource.Statement::sql)
                .singleElement().asString().contains("order by").contains("fetch next");

        recording.clear();
        var counted = store.instances().list(TENANT, InstanceFilter.all(), PageRequest.first(50).withTotal());
        assertThat(counted.total()).hasValue(ROWS);
        assertThat(recording.statements()).as("a page with total reads count and page in one snapshot")
                .extracting(RecordingDataSource.Statement::sql)
                .anySatisfy(sql -> assertThat(sql).containsIgnoringCase("repeatable read"))
                .anySatisfy(sql -> assertThat(sql).contains("count(*)"));
    }

    private static void assertServedByIndex(String plan, String index) {
        assertThat(plan)
                .as("plan of the page query:%n%s", plan)
                .contains("Index Scan Backward using " + index)
                .contains("Limit")
                .doesNotContain("Seq Scan")
                .doesNotContain("Sort");
    }

    /** Runs the list call, picks the statement with ORDER BY … FETCH NEXT it sent, and EXPLAINs it with its values. */
    private static String planOfPageQuery(InstanceFilter filter, PageRequest page) throws SQLException {
        recording.clear();
        store.instances().list(TENANT, filter, page);
        RecordingDataSource.Statement query = recording.statements().stream()
                .filter(s -> s.sql().contains("order by") && s.sql().contains("fetch next"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no page query among " + recording.statements()));
        try (Connection c = database.dataSource().getConnection()) {
            c.setSchema("plans");
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + query.sql())) {
                List<Object> values = query.values();
                for (int i = 0; i < values.size(); i++) {
                    explain.setObject(i + 1, values.get(i));
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        }
    }
}
