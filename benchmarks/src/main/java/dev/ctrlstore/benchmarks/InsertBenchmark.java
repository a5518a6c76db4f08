package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inserts into a SQLite file (see {@link InsertBenchmarks}): the store against raw JDBC writing the same rows in one
 * {@code BEGIN IMMEDIATE} transaction with statements prepared once. SQLite has one writer at a time, so the raw
 * baseline's threads share one connection under a lock, as the store's share its one writer connection. Each trial
 * starts from a fresh file.
 */
public class InsertBenchmark extends InsertBenchmarks {
    Path file;
    SqliteStore store;
    RawSqlite.Writer raw;
    final ReentrantLock rawLock = new ReentrantLock();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        file = Files.createTempFile(Fixtures.dir(), "insert-", ".db");
        Files.delete(file);
        store = Fixtures.openStore(file, false);
        for (int t = 0; t < tenants; t++) {
            tenantIds.add(store.admin().insertTenant(Fixtures.tenant(t)).id());
        }
        raw = new RawSqlite.Writer(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        raw.close();
        store.close();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    @Override
    Instance storeInsert(Instance instance) {
        return store.instances().insert(instance);
    }

    @Override
    Instance rawInsert(Instance instance) throws SQLException {
        rawLock.lock();
        try {
            return raw.insert(instance, Times.micros(Instant.now()));
        } finally {
            rawLock.unlock();
        }
    }
}
