package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.internal.Times;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

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

    /**
     * A write that may hit a unique key. Each store checks its keys inside the transaction first, so this only
     * catches the race with another process; {@code onDuplicate} turns the key's column into the API's exception.
     */
    protected <T> T write(String operation, Function<DSLContext, T> work,
            Function<String, ? extends StoreException> onDuplicate) {
        try {
            return db.write(operation, work);
        } catch (DuplicateKeyException e) {
            throw onDuplicate.apply(e.column());
        }
    }
}
