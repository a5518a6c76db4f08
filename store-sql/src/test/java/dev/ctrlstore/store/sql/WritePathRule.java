package dev.ctrlstore.store.sql;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule that every row change goes through {@link SqlSession}'s write vocabulary, the one place the commit hook
 * (and the replication ledger after it) sees them all; checked on store-sql and on each backend.
 */
public final class WritePathRule {
    /** jOOQ methods of DSL and DSLContext that build or run a statement changing rows. */
    private static final Set<String> JOOQ_WRITES = Set.of("insertInto", "insertQuery", "update", "updateQuery",
            "delete", "deleteFrom", "deleteQuery", "mergeInto", "executeInsert", "executeUpdate", "executeDelete",
            "batchInsert", "batchUpdate", "batchDelete", "batchStore", "batchMerge", "batch", "truncate",
            "truncateTable", "loadInto");
    /** Methods of generated records that write their row. */
    private static final Set<String> RECORD_WRITES = Set.of("store", "insert", "update", "delete", "merge");
    /** JDBC calls that change rows. */
    private static final Set<String> JDBC_WRITES = Set.of("executeUpdate", "executeLargeUpdate", "executeBatch",
            "addBatch");

    /**
     * Fails on any row change made by a class other than {@link SqlSession}, or a backend's
     * {@code LedgerAppender}, which writes the ledger's own rows from the session's changes, or {@code ControlDdl},
     * which builds (never runs) a control table's clear with its DDL for {@link SqlSession#controlSchema} and replicas.
     */
    public static final ArchRule ONE_WRITE_PATH = noClasses()
            .that().doNotBelongToAnyOf(SqlSession.class)
            .and().doNotHaveSimpleName("LedgerAppender")
            .and().doNotHaveFullyQualifiedName("dev.ctrlstore.store.sql.control.ControlDdl")
            .should().callMethodWhere(rowChange())
            .because("rows change only through SqlSession's write vocabulary (insert, update, delete, "
                    + "replaceChildren, append, purge), so the commit hook sees every change");

    private static DescribedPredicate<JavaMethodCall> rowChange() {
        return DescribedPredicate.describe("a call that changes rows", call -> {
            var target = call.getTarget();
            var owner = target.getOwner();
            String name = target.getName();
            boolean jooq = owner.isAssignableTo(DSL.class) || owner.isAssignableTo(DSLContext.class);
            return (jooq && JOOQ_WRITES.contains(name))
                    || (owner.isAssignableTo(TableRecord.class) && RECORD_WRITES.contains(name))
                    || (owner.isAssignableTo(java.sql.Statement.class) && JDBC_WRITES.contains(name))
                    || (owner.isEquivalentTo(Prepared.class) && name.equals("statement"))
                    || (owner.isEquivalentTo(PreparedJdbc.class) && name.equals("executeUpdate"));
        });
    }

    private WritePathRule() {
    }
}
