package dev.ctrlstore.store.sql;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row change goes through {@link SqlSession}'s write vocabulary, the one place the commit hook (and the
 * replication ledger after it) sees them all.
 */
class WritePathTest {
    @Test
    @DisplayName("no class of store-sql but SqlSession changes rows")
    void rowsChangeOnlyInSqlSession() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ctrlstore.store.sql");
        assertThat(classes.contain(SqlInstanceStore.class)).as("the stores were imported").isTrue();
        WritePathRule.ONE_WRITE_PATH.check(classes);
    }

    @Test
    @DisplayName("the rule catches a row change made beside the session")
    void ruleCatchesAWriteOutsideTheSession() {
        JavaClasses violator = new ClassFileImporter().importClasses(Violator.class);
        assertThat(WritePathRule.ONE_WRITE_PATH.evaluate(violator).hasViolation()).isTrue();
        assertThat(WritePathRule.ONE_WRITE_PATH.evaluate(violator).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("deleteFrom"))
                .anySatisfy(line -> assertThat(line).contains("executeInsert"))
                .anySatisfy(line -> assertThat(line).contains("Prepared.statement"));
    }

    /** Writes three ways beside the session: what the rule must refuse. */
    @SuppressWarnings("unused")
    private static final class Violator {
        void deletes(DSLContext ctx) {
            ctx.deleteFrom(INSTANCES).execute();
        }

        void inserts(DSLContext ctx) {
            ctx.executeInsert(INSTANCES.newRecord());
        }

        Prepared prepares() {
            return Prepared.statement("rogue", DSL.deleteFrom(INSTANCES));
        }
    }
}
