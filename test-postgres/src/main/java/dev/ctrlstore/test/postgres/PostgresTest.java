package dev.ctrlstore.test.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real PostgreSQL server: constructors, {@code @BeforeAll}, {@code @BeforeEach} and test
 * methods may declare a {@link TestDatabase} parameter, which names a fresh database created for this class (each
 * {@code @Nested} class gets its own) and dropped after it. While a nested class runs, every {@code TestDatabase}
 * parameter — also of the enclosing class's {@code @BeforeEach} methods — names the nested class's database; the
 * enclosing instance's constructor got the enclosing class's. All classes of a run share one server; see
 * {@link PostgresExtension} for where it comes from.
 *
 * <pre>{@code
 * @PostgresTest
 * class OrderRepositoryTest {
 *     @Test
 *     void savesAnOrder(TestDatabase db) throws SQLException {
 *         try (Connection c = db.dataSource().getConnection()) { ... }
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {
}
