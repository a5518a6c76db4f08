package dev.ctrlstore.store.sql;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Every query goes through the generated classes and the DSL: no SQL text assembled from strings. */
class NoSqlStringsTest {
    private static final Set<String> PLAIN_SQL_METHODS = Set.of("field", "condition", "table", "sql", "query",
            "resultQuery", "execute", "fetch", "fetchOne", "fetchOptional", "fetchSingle", "fetchValue",
            "fetchLazy", "fetchMany", "fetchExists", "fetchCount", "keyword", "unquotedName");

    @Test
    void storesUseNoPlainSqlApi() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ctrlstore.store.sql");
        noClasses().should().callMethodWhere(plainSql())
                .because("SQL is built with jOOQ's DSL over the generated tables, never from strings")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.ctrlstore.store.sql.ledger")
                .should().callMethodWhere(jdbcStatements())
                .because("JDBC statements belong to the backends' connection handling, not to the stores (the"
                        + " ledger's LedgerQueries excepted: reflectors read the ledger over plain JDBC, without a store)")
                .check(classes);
    }

    /** DSL and DSLContext methods whose first parameter is SQL text. */
    private static DescribedPredicate<JavaMethodCall> plainSql() {
        return DescribedPredicate.describe("a jOOQ plain-SQL method (SQL given as a String)", call -> {
            var target = call.getTarget();
            boolean jooq = target.getOwner().isAssignableTo(DSL.class) || target.getOwner().isAssignableTo(DSLContext.class);
            return jooq && PLAIN_SQL_METHODS.contains(target.getName())
                    && !target.getRawParameterTypes().isEmpty()
                    && target.getRawParameterTypes().get(0).isEquivalentTo(String.class);
        });
    }

    private static DescribedPredicate<JavaMethodCall> jdbcStatements() {
        return DescribedPredicate.describe("java.sql.Connection statement creation", call ->
                call.getTarget().getOwner().isAssignableTo(java.sql.Connection.class)
                        && Set.of("prepareStatement", "createStatement", "prepareCall").contains(call.getTarget().getName()));
    }
}
