package dev.ctrlstore.test.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

@PostgresTest
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PostgresExtensionTest {

    private static TestDatabase fromBeforeAll;
    private static String droppedLater;

    private final TestDatabase fromConstructor;
    private TestDatabase fromBeforeEach;

    PostgresExtensionTest(TestDatabase db) {
        this.fromConstructor = db;
    }

    @BeforeAll
    static void beforeAll(TestDatabase db) throws SQLException {
        fromBeforeAll = db;
        execute(db, "create table greeting (id int primary key, text varchar(40) not null)");
    }

    @BeforeEach
    void beforeEach(TestDatabase db) {
        fromBeforeEach = db;
    }

    @Test
    @DisplayName("a class gets one fresh database in its constructor, @BeforeAll, @BeforeEach and test methods")
    void oneDatabasePerClass(TestDatabase db) throws SQLException {
        assertThat(db.databaseName()).matches("ctrlstore_test_\\d+_[a-z0-9]{5}");
        assertThat(fromBeforeAll).isEqualTo(db);
        assertThat(fromConstructor).isEqualTo(db);
        assertThat(fromBeforeEach).isEqualTo(db);
        assertThat(query(db, "select current_database()")).isEqualTo(db.databaseName());
    }

    @Test
    @DisplayName("the database takes a table, rows and a query through dataSource()")
    void createInsertSelect(TestDatabase db) throws SQLException {
        execute(db, "insert into greeting (id, text) values (1, 'grüß dich'), (2, 'hello')");
        assertThat(query(db, "select string_agg(text, ',' order by id) from greeting")).isEqualTo("grüß dich,hello");
        execute(db, "delete from greeting");
    }

    @Test
    @DisplayName("toString names database and source, never the password")
    void toStringHidesPassword(TestDatabase db) {
        TestDatabase withPassword = new TestDatabase(db.jdbcUrl() + "?password=s3cret", db.user(), "s3cret",
                db.databaseName(), db.source());
        assertThat(withPassword.toString()).contains(db.databaseName(), db.source().name()).doesNotContain("s3cret");
    }

    @Nested
    @Order(1)
    @DisplayName("a nested class")
    class First {

        @Test
        @DisplayName("gets its own database on the same server as its enclosing class")
        void ownDatabaseSameServer(TestDatabase db) throws SQLException {
            assertThat(db.databaseName()).isNotEqualTo(fromBeforeAll.databaseName());
            assertThat(serverOf(db)).isEqualTo(serverOf(fromBeforeAll));
            // Names end in the run id of the server object: one shared server, not a second one on the same port.
            assertThat(runOf(db)).isEqualTo(runOf(fromBeforeAll));
            // The same server: the enclosing class's database is listed here.
            assertThat(query(db, "select count(*) from pg_database where datname = '" + fromBeforeAll.databaseName() + "'"))
                    .isEqualTo("1");
            assertThat(query(db, "select count(*) from information_schema.tables where table_name = 'greeting'"))
                    .isEqualTo("0");
            droppedLater = db.databaseName();
        }
    }

    @Nested
    @Order(2)
    @DisplayName("after a class has run")
    class Second {

        @Test
        @DisplayName("its database is gone from the server")
        void previousDatabaseDropped(TestDatabase db) throws SQLException {
            assertThat(droppedLater).as("First ran before Second").isNotNull().isNotEqualTo(db.databaseName());
            assertThat(query(db, "select count(*) from pg_database where datname = '" + droppedLater + "'"))
                    .isEqualTo("0");
            assertThat(query(db, "select count(*) from pg_database where datname = '" + db.databaseName() + "'"))
                    .isEqualTo("1");
        }
    }

    /** The URL up to the database: the same for every database on one server. */
    static String serverOf(TestDatabase db) {
        return db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/'));
    }

    static String runOf(TestDatabase db) {
        return db.databaseName().substring(db.databaseName().lastIndexOf('_') + 1);
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String query(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
