package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** With the caller's data source, the store hands every connection back in the state it found it. */
@PostgresTest
class CallerDataSourceTest {

    @Test
    void connectionsComeBackAsTheyWere(TestDatabase db) throws SQLException {
        try (Connection physical = db.dataSource().getConnection()) {
            int isolation = physical.getTransactionIsolation();
            try (PostgresStore store = PostgresStore.builder().dataSource(new OneConnection(physical))
                    .schema("caller").build()) {
                store.migrate();
                TenantId tenant = TenantId.generate();
                Instance one = store.instances().insert(
                        Instance.builder().tenantId(tenant).name("one").slug("one").build());
                assertState(physical, true, isolation);
                assertThat(store.instances().list(tenant, InstanceFilter.all(), PageRequest.first(10)).items())
                        .hasSize(1);
                assertState(physical, true, isolation);
                assertThat(store.instances().get(tenant, one.id())).isEqualTo(one);
                assertState(physical, true, isolation);
            }
            assertThat(physical.isClosed()).as("the store does not close the caller's connections").isFalse();
        }
    }

    @Test
    void aConnectionOutsideAutocommitStaysOutsideAutocommit(TestDatabase db) throws SQLException {
        try (Connection physical = db.dataSource().getConnection()) {
            int isolation = physical.getTransactionIsolation();
            try (PostgresStore store = PostgresStore.builder().dataSource(new OneConnection(physical))
                    .schema("manual").build()) {
                store.migrate();
                // From here on the caller's pool hands out the connection outside autocommit.
                physical.setAutoCommit(false);
                TenantId tenant = TenantId.generate();
                Instance one = store.instances().insert(
                        Instance.builder().tenantId(tenant).name("one").slug("one").build());
                assertState(physical, false, isolation);
                // The read by key runs as a committed transaction here, not as a statement left open.
                assertThat(store.instances().get(tenant, one.id())).isEqualTo(one);
                assertState(physical, false, isolation);
            }
            try (Connection other = db.dataSource().getConnection();
                    var rs = other.createStatement().executeQuery("select count(*) from manual.instances")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the insert was committed").isEqualTo(1);
            }
        }
    }

    private static void assertState(Connection c, boolean autoCommit, int isolation) throws SQLException {
        assertThat(c.getAutoCommit()).isEqualTo(autoCommit);
        assertThat(c.unwrap(BaseConnection.class).getTransactionState()).as("no transaction left open")
                .isEqualTo(TransactionState.IDLE);
        assertThat(c.isReadOnly()).isFalse();
        assertThat(c.getTransactionIsolation()).isEqualTo(isolation);
    }

    /** A pool of one: every checkout is the same physical connection, and close() only returns it. */
    private record OneConnection(Connection physical) implements DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
