package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.store.sql.ledger.LedgerReplica;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GROUP_COMMIT on a durable server (fsync and synchronous_commit on): the commit under the ledger's counter is
 * asynchronous, so a write may be acknowledged only after the tiny synchronous transaction that follows it has
 * flushed the WAL. Killing every server process with SIGKILL while 8 writers run, then starting the server again on
 * the same files, must find every acknowledged write, and a ledger that is a gap-free prefix equal to the tables.
 */
class PostgresGroupCommitCrashTest {
    private static final int WRITERS = 8;
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    @DisplayName("kill -9 of the server while writers run: every acknowledged write survives, the ledger has no gap")
    void acknowledgedWritesSurviveAKill() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        TenantId tenant = TenantId.generate();
        List<InstanceId> acknowledged = new ArrayList<>();
        long acknowledgedSeq = 0;
        EmbeddedPostgres server = start(data, port);
        try (PostgresStore store = store(port)) {
            store.migrate();
        }
        for (int round = 0; round < ROUNDS; round++) {
            Queue<InstanceId> acks = new ConcurrentLinkedQueue<>();
            Queue<Long> seqs = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try (PostgresStore store = store(port)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    int r = round;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; ; i++) {
                            Instance stored;
                            try {
                                stored = store.instances().insert(Instance.builder().tenantId(tenant)
                                        .name("w" + writer).slug("r" + r + "w" + writer + "n" + i)
                                        .labels(Map.of("n", Integer.toString(i))).build());
                            } catch (StoreException e) {
                                return null; // the server is gone: this write was not acknowledged
                            }
                            acks.add(stored.id());
                            seqs.add(store.ledgerPosition());
                        }
                    }));
                }
                // Kill once the writers are well under way (bounded: the kill comes by 20 s at the latest).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (acks.size() < 200 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                killAll(data);
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            closeQuietly(server);
            acknowledged.addAll(acks);
            acknowledgedSeq = Math.max(acknowledgedSeq, seqs.stream().mapToLong(Long::longValue).max().orElse(0));
            assertThat(acks).as("writes acknowledged in round %d", round).isNotEmpty();

            server = start(data, port);
            try (PostgresStore store = store(port)) {
                for (InstanceId id : acknowledged) {
                    assertThat(store.instances().get(tenant, id)).as("acknowledged %s", id).isNotNull();
                }
            }
            try (Connection c = DriverManager.getConnection(url(port), "postgres", "")) {
                LedgerReplica replica = new LedgerReplica(0);
                for (List<LedgerEntry> entries = LedgerQueries.read(c, 0, 1000); !entries.isEmpty();
                        entries = LedgerQueries.read(c, replica.position(), 1000)) {
                    entries.forEach(replica::apply);
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), max(seq), (SELECT seq FROM ledger_head) FROM ledger")) {
                    rs.next();
                    assertThat(rs.getLong(2)).as("max(seq) = count(*)").isEqualTo(rs.getLong(1))
                            .isEqualTo(rs.getLong(3)).isEqualTo(replica.position())
                            .isGreaterThanOrEqualTo(acknowledgedSeq);
                }
                assertThat(replica.tables()).isEqualTo(LedgerReplica.images(DSL.using(c, SQLDialect.POSTGRES)));
            }
        }
        closeQuietly(server);
    }

    @Test
    @DisplayName("on a durable server, awaitFlushed returns once the WAL is flushed past what was visible at the call")
    void awaitFlushedWaitsForTheWalFlush() throws Exception {
        int port = freePort();
        EmbeddedPostgres server = start(dir.resolve("flush"), port);
        try (Connection c = DriverManager.getConnection(url(port), "postgres", "");
             Statement s = c.createStatement()) {
            // Commits made asynchronously, as a GROUP_COMMIT center makes them under its counter: visible before
            // their WAL is flushed (the WAL writer flushes them within wal_writer_delay).
            s.execute("SET synchronous_commit = off");
            s.execute("CREATE TABLE flushed (n int)");
            for (int i = 0; i < 50; i++) {
                s.execute("INSERT INTO flushed VALUES (" + i + ")");
            }
            String before;
            try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
                rs.next();
                before = rs.getString(1);
            }
            assertThat(LedgerQueries.awaitFlushed(c, 10_000)).isTrue();
            try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_flush_lsn() >= '" + before + "'::pg_lsn")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("flushed past %s", before).isTrue();
            }
        } finally {
            server.close();
        }
    }

    private static PostgresStore store(int port) {
        return PostgresStore.builder().jdbcUrl(url(port)).user("postgres").poolSize(WRITERS + 2)
                .connectionTimeout(Duration.ofSeconds(2)).ledger(LedgerMode.GROUP_COMMIT).build();
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** SIGKILL to the postmaster and every process it started, as a crash would leave them. */
    private static void killAll(Path data) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
        children.forEach(child -> child.onExit().join());
        // Every server process is gone. PostgreSQL refuses to start while the PID in a stale postmaster.pid belongs
        // to any live process, and on a busy machine the dead postmaster's PID can be reused within seconds (a CI
        // run once waited out the 60 s start-up, most likely so), so the stale lock file goes, as after a reboot.
        Files.deleteIfExists(data.resolve("postmaster.pid"));
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // The server was killed: there is nothing left to stop.
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
