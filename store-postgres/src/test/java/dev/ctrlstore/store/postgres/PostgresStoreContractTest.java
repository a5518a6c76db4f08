package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.tck.StoreContract;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole compatibility kit on a real PostgreSQL server, without running Flyway per test. Each test's n-th store
 * uses schema {@code tck_<n>}: migrated the first time it is needed, emptied ({@code DELETE}) every later time.
 * A test's stores never share a schema (L-1 opens a second store beside the first), and every store is closed when
 * its test ends, so the next test may empty the schemas again.
 */
@PostgresTest
class PostgresStoreContractTest extends StoreContract {
    private static final Set<String> MIGRATED = new HashSet<>();
    private static TestDatabase database;

    /** How many stores this test has created; nested groups create their stores through this instance. */
    private int stores;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    /** The schemas' names begin with this; a subclass that builds its stores differently uses its own. */
    protected String schemaPrefix() {
        return "tck_";
    }

    /** Settings beyond the defaults, for a subclass. */
    protected PostgresStore.Builder configure(PostgresStore.Builder builder) {
        return builder;
    }

    static TestDatabase database() {
        return database;
    }

    @Override
    protected Store createStore() {
        String schema = schemaPrefix() + stores++;
        PostgresStore store = configure(PostgresStore.builder()
                .jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password())
                .poolSize(4)
                .schema(schema)
                .clock(clock())
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES])))
                .build();
        if (MIGRATED.add(schema)) {
            store.migrate();
        } else {
            empty(schema);
        }
        return store;
    }

    /**
     * Deletes every row of the schema's tables but Flyway's history and the ledger's head row, whose counter goes
     * back to 0, children before parents, in one round trip.
     * {@code DELETE} rather than {@code TRUNCATE}: a test leaves a few rows, and truncating creates new files for
     * every table and index each time.
     */
    private static void empty(String schema) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            StringBuilder sql = new StringBuilder();
            for (String table : childrenFirst(s, schema)) {
                if (!table.equals("ledger_head")) {
                    sql.append("delete from ").append(schema).append('.').append(table).append(";\n");
                }
            }
            sql.append("update ").append(schema).append(".ledger_head set seq = 0;\n");
            s.execute(sql.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty schema " + schema + " of " + database + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> tableOrder;

    /** The schema's tables (quoted), each after every table that references it; the same for every slot. */
    private static List<String> childrenFirst(Statement s, String schema) throws SQLException {
        if (tableOrder == null) {
            Map<String, Set<String>> referencedBy = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select quote_ident(table_name) from information_schema.tables"
                    + " where table_schema = '" + schema + "' and table_type = 'BASE TABLE'"
                    + " and table_name not like '%schema_history' order by table_name")) {
                while (rs.next()) {
                    referencedBy.put(rs.getString(1), new HashSet<>());
                }
            }
            try (ResultSet rs = s.executeQuery("select quote_ident(p.relname), quote_ident(c.relname)"
                    + " from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid"
                    + " where k.contype = 'f' and k.connamespace = '" + schema + "'::regnamespace")) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(rs.getString(2))) {
                        referencedBy.get(rs.getString(1)).add(rs.getString(2));
                    }
                }
            }
            List<String> order = new ArrayList<>();
            while (order.size() < referencedBy.size()) {
                int before = order.size();
                for (var e : referencedBy.entrySet()) {
                    if (!order.contains(e.getKey()) && order.containsAll(e.getValue())) {
                        order.add(e.getKey());
                    }
                }
                if (order.size() == before) {
                    throw new IllegalStateException("foreign keys form a cycle among " + referencedBy);
                }
            }
            tableOrder = order;
        }
        return tableOrder;
    }
}
