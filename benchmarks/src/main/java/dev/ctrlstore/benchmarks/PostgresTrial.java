package dev.ctrlstore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.postgres.PostgresStore;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One write benchmark trial's PostgreSQL side: a fresh schema on {@code server}, a pool of
 * {@link Fixtures#POOL_SIZE} connections working in it, a migrated store on that pool with {@code tenants} tenants,
 * and a checkpoint before the first write; closing drops the schema.
 */
final class PostgresTrial implements AutoCloseable {
    final Fixtures.Postgres server;
    final String schema;
    final HikariDataSource pool;
    final PostgresStore store;
    final List<TenantId> tenantIds = new ArrayList<>();

    /**
     * @param build the store on the trial's pool (its builder settings are the variant measured)
     * @param migrated what the variant sets on the store once its schema is there
     */
    PostgresTrial(Fixtures.Postgres server, String schema, int tenants, Function<DataSource, PostgresStore> build,
            Consumer<PostgresStore> migrated) {
        this.server = server;
        this.schema = schema;
        this.pool = Fixtures.postgresPool(server, schema);
        this.store = build.apply(pool);
        store.migrate();
        migrated.accept(store);
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(store.admin().insertTenant(Fixtures.tenant(t)).id());
        }
        Fixtures.checkpoint(server);
    }

    @Override
    public void close() {
        store.close();
        pool.close();
        Fixtures.dropPostgresSchema(server, schema);
    }
}
