package dev.ctrlstore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.postgres.PostgresStore;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inserts into PostgreSQL (see {@link InsertBenchmarks}): the store against raw pgjdbc writing the same columns
 * and values (the row, then one row per label, statement by statement) in one READ COMMITTED transaction, both on
 * connections of one pool with more connections than threads ({@link Fixtures#POOL_SIZE}). Each trial starts from
 * a fresh schema, dropped at its end.
 */
public class InsertPostgresBenchmark extends InsertBenchmarks {
    private static final AtomicInteger TRIALS = new AtomicInteger();

    PostgresTrial trial;
    HikariDataSource pool;
    PostgresStore store;

    @Setup(Level.Trial)
    public void setUp() {
        trial = new PostgresTrial(Fixtures.postgres(), "insert_" + ProcessHandle.current().pid() + "_"
                + TRIALS.incrementAndGet(), tenants, pool -> PostgresStore.builder().dataSource(pool).build(),
                store -> { });
        pool = trial.pool;
        store = trial.store;
        tenantIds.addAll(trial.tenantIds);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trial.close();
    }

    @Override
    Instance storeInsert(Instance instance) {
        return store.instances().insert(instance);
    }

    @Override
    Instance rawInsert(Instance instance) throws SQLException {
        return RawPostgres.insert(pool, instance, Times.micros(Instant.now()));
    }
}
