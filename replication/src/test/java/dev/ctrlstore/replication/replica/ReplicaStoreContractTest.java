package dev.ctrlstore.replication.replica;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.tck.StoreContract;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole compatibility kit over replication: writes go to a {@link PostgresStore} with a ledger
 * ({@link LedgerMode#SYNC}), an in-process {@link Reflector} follows it over JDBC into a new LDB, and every read of
 * replicated data is answered by an {@link LdbStore} after {@code awaitPosition} (see {@link ReplicatedStore}).
 * A rule that passes here proves that the writes it makes reach the ledger and every field it reads back survives
 * the row image and the apply on SQLite. {@link LdbReadCounter} reports how many rules read from the LDB.
 *
 * <p>Each test's n-th store uses schema {@code tck_<n>}, migrated once and emptied (with its ledger restarted under
 * a new center id) every later time, and a copy of one freshly created LDB.
 */
@PostgresTest
@ExtendWith(LdbReadCounter.class)
class ReplicaStoreContractTest extends StoreContract {
    private static final Set<String> MIGRATED = new HashSet<>();
    private static final AtomicInteger LDBS = new AtomicInteger();
    private static TestDatabase database;
    private static Path template;
    /** The schema's tables that reference no other table. */
    private static List<String> roots;

    @TempDir
    static Path dir;

    /** How many stores this test has created; nested groups create their stores through this instance. */
    private int stores;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
        template = dir.resolve("template.db");
        Ldb.create(template).close();
    }

    @AfterAll
    static void mostRulesReadFromTheLdb() {
        int[] totals = LdbReadCounter.totals();
        if (totals[1] >= 100) { // a whole run, not a few groups picked by a filter
            assertThat(totals[0]).as("rules that read from the LDB, of %d", totals[1])
                    .isGreaterThanOrEqualTo(totals[1] / 2);
        }
    }

    @Override
    protected Store createStore() {
        String schema = "tck_" + stores++;
        PostgresStore center = PostgresStore.builder()
                .jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password())
                .poolSize(4)
                .schema(schema)
                .clock(clock())
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .ledger(LedgerMode.SYNC)
                .build();
        try {
            if (MIGRATED.add(schema)) {
                center.migrate();
            }
            restart(schema);
            Path ldb = Files.copy(template, dir.resolve("ldb-" + LDBS.incrementAndGet() + ".db"));
            JdbcLedgerSource source = JdbcLedgerSource.builder()
                    .jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password())
                    .schema(schema)
                    .listen(true)
                    .build();
            Reflector reflector = Reflector.builder().ldb(ldb).source(source).pollInterval(Duration.ofSeconds(1))
                    .build().start();
            LdbStore replica = LdbStore.builder().path(ldb).build();
            return new ReplicatedStore(center, replica, reflector, LdbReadCounter::read);
        } catch (IOException | RuntimeException e) {
            center.close();
            throw new IllegalStateException("could not set up a replicated store on schema " + schema + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Empties every table of the schema but the migration history, and restarts its ledger at seq 0 under a new
     * center id, so the new LDB follows a center it has never seen. Rows are deleted from the tables that reference
     * no other table; every foreign key of the schema cascades, which empties the rest (a key that did not would
     * make this fail). {@code DELETE} rather than {@code TRUNCATE}: a test leaves a few rows, and truncating makes
     * new files for every table and index each time.
     */
    private static void restart(String schema) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (roots == null) {
                List<String> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select quote_ident(t.relname) from pg_class t"
                        + " where t.relnamespace = '" + schema + "'::regnamespace and t.relkind = 'r'"
                        + " and t.relname not like '%schema_history' and not exists (select 1 from pg_constraint k"
                        + " where k.conrelid = t.oid and k.contype = 'f')")) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                roots = found;
            }
            StringBuilder sql = new StringBuilder();
            for (String table : roots) {
                sql.append("delete from ").append(schema).append('.').append(table).append(";\n");
            }
            sql.append("insert into ").append(schema).append(".ledger_head (id, seq, center_id, retained_from)"
                    + " values (1, 0, md5(random()::text), 1)");
            s.execute(sql.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty schema " + schema + " of " + database + ": "
                    + e.getMessage(), e);
        }
    }
}
