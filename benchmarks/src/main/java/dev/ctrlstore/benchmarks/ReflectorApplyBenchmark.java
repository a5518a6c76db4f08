package dev.ctrlstore.benchmarks;

import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ledger entries applied to a SQLite file, in entries per second: the reflector (reading an in-memory ledger, see
 * {@link MemoryLedgerSource}, in batches of {@value #BATCH}: one SQLite transaction per batch with its position
 * update) against {@link RawApplier}, hand-written prepared upserts of the same row images, {@value #BATCH} entries
 * per transaction. The entries are those a center appends while it is filled with {@code tenants} x
 * {@code instancesPerTenant} instances ({@link LedgerFixtures#centerEntries}), repeated under new numbers: after
 * the first round every upsert overwrites an existing row. One invocation publishes {@value #BATCH} entries and
 * waits until the reflector has applied them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReflectorApplyBenchmark {
    static final int BATCH = 100;

    @Param("100")
    public int tenants;
    @Param("100")
    public int instancesPerTenant;

    /** The reflector on a fresh LDB, following an in-memory ledger. */
    @State(Scope.Benchmark)
    public static class ReflectorSide {
        Path ldb;
        MemoryLedgerSource source;
        Reflector reflector;

        @Setup(Level.Trial)
        public void setUp(ReflectorApplyBenchmark b) throws IOException {
            List<LedgerEntry> templates = LedgerFixtures.centerEntries(b.tenants, b.instancesPerTenant);
            ldb = Files.createTempFile(Fixtures.dir(), "apply-", ".ldb");
            Files.delete(ldb);
            source = new MemoryLedgerSource("bench-center", seq -> LedgerFixtures.repeated(templates, seq));
            reflector = Reflector.builder().ldb(ldb).source(source).batchSize(BATCH).build().start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            reflector.close();
            deleteDb(ldb);
        }
    }

    /** The raw baseline on a fresh file with the same schema. */
    @State(Scope.Benchmark)
    public static class RawSide {
        Path file;
        RawApplier raw;
        List<LedgerEntry> templates;
        long next = 1;

        @Setup(Level.Trial)
        public void setUp(ReflectorApplyBenchmark b) throws IOException, SQLException {
            templates = LedgerFixtures.centerEntries(b.tenants, b.instancesPerTenant);
            file = Files.createTempFile(Fixtures.dir(), "apply-raw-", ".db");
            Files.delete(file);
            Fixtures.openStore(file, false).close();
            raw = new RawApplier(file);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException, SQLException {
            raw.close();
            deleteDb(file);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long reflector(ReflectorSide side) {
        long target = side.source.headSeq() + BATCH;
        side.source.publish(target);
        LedgerFixtures.awaitApplied(side.ldb, target);
        return target;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long raw(RawSide side) throws SQLException {
        List<LedgerEntry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(LedgerFixtures.repeated(side.templates, side.next++));
        }
        side.raw.apply(batch);
        return side.next;
    }

    static void deleteDb(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
