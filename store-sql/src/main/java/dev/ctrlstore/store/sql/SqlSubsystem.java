package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Times;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;

/** What every SQL subsystem store shares: the database, the clock, and the mapping of duplicate keys. */
abstract class SqlSubsystem {
    private static final Configuration RECORDS = DSL.using(SQLDialect.DEFAULT).configuration();
    /** Makes records already attached to {@link #RECORDS} ({@code Table.newRecord()} makes a configuration each). */
    private static final DSLContext RECORD_FACTORY = DSL.using(RECORDS);
    protected final SqlDatabase db;
    private final Clock clock;

    SqlSubsystem(SqlDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The clock's now, at the microsecond precision every backend stores. */
    protected Instant now() {
        return Times.micros(clock.instant());
    }

    protected <T> T read(Function<DSLContext, T> work) {
        return db.read(work);
    }

    /**
     * A new record of {@code table} for a write, attached to a shared configuration without a connection: a detached
     * jOOQ record makes a new default configuration on every value it is given, which made building a row cost
     * several times its binding.
     */
    protected static <R extends TableRecord<R>> R newRecord(Table<R> table) {
        return RECORD_FACTORY.newRecord(table);
    }

    /** A write's parent check: NotFound(INSTANCE) unless the instance is one of the tenant's. */
    protected static void requireInstance(DSLContext ctx, TenantId tenantId, InstanceId instanceId) {
        if (!ctx.fetchExists(INSTANCES, INSTANCES.TENANT_ID.eq(tenantId), INSTANCES.ID.eq(instanceId))) {
            throw new NotFoundException(tenantId, ResourceKind.INSTANCE, instanceId.value());
        }
    }

    /** One prepared query on its own (no transaction): the hot path of reads by key. Null when no row. */
    protected <T> T fetchFirst(Prepared query, Function<Row, T> mapper, Object... values) {
        return db.fetchFirst(query, mapper, values);
    }

    /**
     * A read by key on the hot path ({@link #fetchFirst}): the row mapped, or {@code missing} thrown when there is
     * none.
     */
    protected <T> T fetchExisting(Prepared query, Function<Row, T> mapper, Supplier<NotFoundException> missing,
            Object... values) {
        T found = db.fetchFirst(query, mapper, values);
        if (found == null) {
            throw missing.get();
        }
        return found;
    }

    /**
     * A write: one transaction whose row changes go through {@link SqlSession}'s write vocabulary. Each store checks
     * its keys inside the transaction first where it can, so a unique violation here is mostly the race with another
     * process (or a hot path that lets the keys do the checking); {@code onDuplicate} turns the violated key's API
     * field ({@link UniqueKeys}) into the API's exception. No internal exception leaves a write.
     */
    protected <T> T transact(String operation, Function<SqlSession, T> work,
            Function<String, ? extends StoreException> onDuplicate) {
        try {
            return db.transact(operation, work);
        } catch (DuplicateKeyException e) {
            StoreException mapped = e.field() == null ? null : onDuplicate.apply(e.field());
            throw mapped != null ? mapped : unexpected(operation, e);
        }
    }

    /** A write no caller input can make violate a unique key; if one is violated anyway, it is a StorageException. */
    protected <T> T transact(String operation, Function<SqlSession, T> work) {
        return transact(operation, work, field -> null);
    }

    private StorageException unexpected(String operation, DuplicateKeyException e) {
        return new StorageException(db.description() + ": " + operation + " violated unique key " + e.key().name()
                + " " + e.key().columns() + ", which no input of it should; the database was changed by hand?", e);
    }
}
