package dev.ctrlstore.store.sql;

import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ctrlstore.store.jooq.Tables.LOGS;
import static dev.ctrlstore.store.jooq.Tables.METRICS;
import static dev.ctrlstore.store.jooq.Tables.RESOURCE_SNAPSHOTS;
import static dev.ctrlstore.store.jooq.Tables.SPANS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch is bound, never inlined, whatever its size: jOOQ renders every value of a SQLite statement with more than
 * 999 binds as a literal, so each multi-row insert must stay under that.
 */
class AppendBindsTest {

    @Test
    @DisplayName("every multi-row insert binds all its values, within SQLite's 999")
    void appendStatementsStayUnderTheBindLimit() {
        PreparedJdbc sqlite = new PreparedJdbc(SQLDialect.SQLITE, new Settings());
        for (Table<?> table : List.of(METRICS, LOGS, SPANS, RESOURCE_SNAPSHOTS)) {
            List<Prepared> statements = SqlSession.appendStatements(table);
            assertThat(statements).as(table.getName()).isNotEmpty();
            Prepared largest = statements.get(statements.size() - 1);
            assertThat(largest.params().size()).as(table.getName()).isLessThanOrEqualTo(SqlSession.MAX_BINDS)
                    .isGreaterThan(SqlSession.MAX_BINDS / 2);
            for (Prepared statement : statements) {
                String sql = sqlite.sql(statement);
                assertThat(sql.chars().filter(c -> c == '?').count())
                        .as("%s binds every value", statement.name()).isEqualTo(statement.params().size());
            }
        }
    }
}
