package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.internal.Times;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every SQL subsystem store shares: the database, the clock, and the mapping of duplicate keys. */
abstract class SqlSubsystem {
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

    protected <T> T write(String operation, Function<DSLContext, T> work) {
        return db.write(operation, work);
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
     * Like {@link #write(String, Function, Function)}, with prepared statements on the transaction's connection. A
     * hot path may skip the look-ups and let the unique keys refuse a duplicate: {@code onDuplicate} then names it.
     */
    protected <T> T transact(String operation, Function<SqlSession, T> work,
            Function<String, ? extends StoreException> onDuplicate) {
        try {
            return db.transact(operation, work);
        } catch (DuplicateKeyException e) {
            throw onDuplicate.apply(e.column());
        }
    }

    /**
     * A write that may hit a unique key. Each store checks its keys inside the transaction first, so this only
     * catches the race with another process; {@code onDuplicate} turns the key's column into the API's exception.
     */
    protected <T> T write(String operation, Function<DSLContext, T> work,
            Function<String, ? extends StoreException> onDuplicate) {
        return transact(operation, session -> work.apply(session.dsl()), onDuplicate);
    }
}
