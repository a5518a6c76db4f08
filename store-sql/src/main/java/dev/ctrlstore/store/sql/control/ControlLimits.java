package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.ControlNames;
import dev.ctrlstore.store.control.TableLimits;
import dev.ctrlstore.store.control.WriterLimits;
import dev.ctrlstore.store.jooq.tables.records.ControlTableLimitsRecord;
import dev.ctrlstore.store.jooq.tables.records.ControlWriterLimitsRecord;
import dev.ctrlstore.store.jooq.tables.records.ControlWriterUsageRecord;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import static dev.ctrlstore.store.jooq.Tables.CONTROL_TABLES;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_TABLE_LIMITS;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_WRITERS;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_WRITER_LIMITS;
import static dev.ctrlstore.store.jooq.Tables.CONTROL_WRITER_USAGE;

/**
 * Writer rate limits and table size limits.
 *
 * <p>A writer's rows are counted per period in {@code control_writer_usage} by one atomic upsert that returns the
 * new total, inside the mutation's transaction: a request that takes the total past the limit is refused and its
 * count rolls back with it, so concurrent requests of one writer are admitted exactly up to the limit (ctlstore
 * read, added and wrote, and undercounted). Periods are at most a day; older usage is deleted hourly.
 *
 * <p>Table sizes are the center's real relation sizes: PostgreSQL's {@code pg_total_relation_size} (table, key index
 * and TOAST), SQLite's {@code dbstat} (pages of the table and its key index; where the driver lacks {@code dbstat},
 * sizes are unknown and limits are not enforced, which is logged once). They are read for all tables in one query,
 * at most every {@link ControlSettings#sizeRefresh()}.
 */
final class ControlLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLimits.class);
    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();
    private static final Prepared WRITER_LIMIT = Prepared.byKey("control_writer_limits.byWriter",
            CONTROL_WRITER_LIMITS, CONTROL_WRITER_LIMITS.WRITER);

    private final SqlDatabase db;
    private final Clock clock;
    private final ControlSettings settings;
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Table id to its size in bytes, and to its own limits; replaced whole on refresh. */
    private volatile Sizes sizes = new Sizes(Map.of(), Map.of(), Long.MIN_VALUE);
    private volatile boolean sizesUnknown;
    private final java.util.Set<Long> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long nextPrune;

    private record Sizes(Map<Long, Long> bytes, Map<Long, long[]> limits, long readAtNanos) {
    }

    ControlLimits(SqlDatabase db, Clock clock, ControlSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    // ---- writer rate limits ----

    /**
     * In a mutation's transaction: counts {@code rows} against the writer's limit.
     *
     * @throws ControlException RATE_LIMITED when they do not fit (the caller's transaction then rolls back, and the
     *         count with it)
     */
    void charge(SqlSession tx, String writer, int rows) {
        long[] own = tx.fetchFirst(WRITER_LIMIT, r -> new long[] {r.get(CONTROL_WRITER_LIMITS.AMOUNT),
                r.get(CONTROL_WRITER_LIMITS.PERIOD_MS)}, writer);
        long amount = own != null ? own[0] : settings.writerLimit();
        long periodMs = own != null ? own[1] : settings.writerPeriod().toMillis();
        long now = clock.millis();
        long start = Math.floorDiv(now, periodMs) * periodMs;
        ControlWriterUsageRecord usage = ControlWriters.RECORDS.newRecord(CONTROL_WRITER_USAGE);
        usage.setWriter(writer);
        usage.setBucket(start / 1000);
        usage.setAmount((long) rows);
        long total = tx.increment(usage, CONTROL_WRITER_USAGE.AMOUNT);
        if (total > amount) {
            Duration retryAfter = Duration.ofMillis(start + periodMs - now);
            String advice = rows > amount ? "; this request alone is over the limit, so split it"
                    : "; retry after " + retryAfter.toMillis() + " ms";
            throw new ControlException(Reason.RATE_LIMITED, "writer " + writer + " may write " + amount
                    + " rows per " + Duration.ofMillis(periodMs) + " and this request of " + rows + " would make "
                    + total + advice, ResourceKind.CONTROL_WRITER, writer, retryAfter);
        }
    }

    /** Deletes usage older than the longest period, at most once an hour (its own short transaction). */
    void pruneUsage() {
        long now = clock.millis();
        if (now < nextPrune) {
            return;
        }
        nextPrune = now + PRUNE_EVERY_MS;
        long before = (now - ControlSettings.LONGEST_PERIOD.toMillis()) / 1000 - 1;
        db.transact("control().pruneUsage", tx -> tx.purge(CONTROL_WRITER_USAGE,
                CONTROL_WRITER_USAGE.BUCKET.lt(before)));
    }

    WriterLimits writerLimits() {
        List<WriterLimits.WriterLimit> own = db.read(dsl -> dsl.select(CONTROL_WRITER_LIMITS.WRITER,
                        CONTROL_WRITER_LIMITS.AMOUNT, CONTROL_WRITER_LIMITS.PERIOD_MS)
                .from(CONTROL_WRITER_LIMITS).orderBy(CONTROL_WRITER_LIMITS.WRITER)
                .fetch(r -> new WriterLimits.WriterLimit(r.value1(),
                        new WriterLimits.RateLimit(r.value2(), Duration.ofMillis(r.value3())))));
        return new WriterLimits(new WriterLimits.RateLimit(settings.writerLimit(), settings.writerPeriod()), own);
    }

    void setWriterLimit(String writer, long amount, Duration period) {
        String name = ControlNames.writer(writer);
        String wrong = ControlSettings.rateProblem(amount, period);
        if (wrong != null) {
            throw new ControlException(Reason.INVALID, "writer " + name + ": " + wrong, ResourceKind.CONTROL_WRITER,
                    name);
        }
        db.transact("control().setWriterLimit", tx -> {
            if (!tx.dsl().fetchExists(CONTROL_WRITERS, CONTROL_WRITERS.NAME.eq(name))) {
                throw new ControlException(Reason.NOT_FOUND, "writer " + name + " is not registered; register it"
                        + " before setting its rate limit", ResourceKind.CONTROL_WRITER, name);
            }
            ControlWriterLimitsRecord r = ControlWriters.RECORDS.newRecord(CONTROL_WRITER_LIMITS);
            r.setWriter(name);
            r.setAmount(amount);
            r.setPeriodMs(period.toMillis());
            tx.upsert(r);
            return null;
        });
    }

    void deleteWriterLimit(String writer) {
        String name = ControlNames.writer(writer);
        int deleted = db.transact("control().deleteWriterLimit", tx -> tx.purge(CONTROL_WRITER_LIMITS,
                CONTROL_WRITER_LIMITS.WRITER.eq(name)));
        if (deleted == 0) {
            throw new ControlException(Reason.NOT_FOUND, "writer " + name + " has no rate limit of its own (it has"
                    + " the default)", ResourceKind.CONTROL_WRITER, name);
        }
    }

    // ---- table size limits ----

    /**
     * Refuses a mutation of a table over its max size, by the sizes read at most {@code sizeRefresh} ago.
     *
     * @param name the table as messages name it ({@code family.table})
     * @throws ControlException TABLE_FULL
     */
    void checkSize(long tableId, String name) {
        Sizes current = fresh();
        Long size = current.bytes().get(tableId);
        if (size == null) {
            return; // unknown (new, or sizes not available): passes, as in ctlstore
        }
        long[] own = current.limits().get(tableId);
        long warn = own != null ? own[0] : settings.warnSize();
        long max = own != null ? own[1] : settings.maxSize();
        if (size > max) {
            throw new ControlException(Reason.TABLE_FULL, "table " + name + " is " + size + " bytes, over its max size"
                    + " of " + max + "; delete rows or raise its limit", ResourceKind.CONTROL_TABLE, name);
        }
        if (size > warn) {
            if (warned.add(tableId)) {
                LOG.warn("control table {} is {} bytes, over its warn size of {} (max {})", name, size, warn, max);
            }
        } else {
            warned.remove(tableId);
        }
    }

    TableLimits tableLimits() {
        List<TableLimits.TableLimit> own = db.read(dsl -> dsl.select(CONTROL_TABLES.FAMILY, CONTROL_TABLES.NAME,
                        CONTROL_TABLE_LIMITS.WARN_SIZE, CONTROL_TABLE_LIMITS.MAX_SIZE)
                .from(CONTROL_TABLE_LIMITS).join(CONTROL_TABLES).on(CONTROL_TABLES.ID.eq(CONTROL_TABLE_LIMITS.TABLE_ID))
                .orderBy(CONTROL_TABLES.FAMILY, CONTROL_TABLES.NAME)
                .fetch(r -> new TableLimits.TableLimit(r.value1(), r.value2(), r.value3(), r.value4())));
        return new TableLimits(settings.warnSize(), settings.maxSize(), own);
    }

    void setTableLimit(String familyName, String tableName, long warnSize, long maxSize) {
        String family = ControlNames.family(familyName);
        String table = ControlNames.table(tableName);
        String wrong = ControlSettings.sizesProblem(warnSize, maxSize);
        if (wrong != null) {
            throw new ControlException(Reason.INVALID, "table " + family + "." + table + ": " + wrong,
                    ResourceKind.CONTROL_TABLE, family + "." + table);
        }
        db.transact("control().setTableLimit", tx -> {
            ControlTableLimitsRecord r = ControlWriters.RECORDS.newRecord(CONTROL_TABLE_LIMITS);
            r.setTableId(tableId(tx.dsl(), family, table));
            r.setWarnSize(warnSize);
            r.setMaxSize(maxSize);
            tx.upsert(r);
            return null;
        });
        sizes = new Sizes(sizes.bytes(), sizes.limits(), Long.MIN_VALUE); // the next check reads the new limit
    }

    void deleteTableLimit(String familyName, String tableName) {
        String family = ControlNames.family(familyName);
        String table = ControlNames.table(tableName);
        int deleted = db.transact("control().deleteTableLimit", tx -> tx.purge(CONTROL_TABLE_LIMITS,
                CONTROL_TABLE_LIMITS.TABLE_ID.eq(tableId(tx.dsl(), family, table))));
        if (deleted == 0) {
            throw new ControlException(Reason.NOT_FOUND, "table " + family + "." + table + " has no size limits of"
                    + " its own (it has the defaults)", ResourceKind.CONTROL_TABLE, family + "." + table);
        }
        sizes = new Sizes(sizes.bytes(), sizes.limits(), Long.MIN_VALUE);
    }

    private static long tableId(DSLContext dsl, String family, String table) {
        Long id = dsl.select(CONTROL_TABLES.ID).from(CONTROL_TABLES)
                .where(CONTROL_TABLES.FAMILY.eq(family), CONTROL_TABLES.NAME.eq(table)).fetchOne(CONTROL_TABLES.ID);
        if (id == null) {
            throw new ControlException(Reason.NOT_FOUND, "table " + family + "." + table + " does not exist",
                    ResourceKind.CONTROL_TABLE, family + "." + table);
        }
        return id;
    }

    /** The sizes, read again when older than {@code sizeRefresh}; one caller reads, the others use the old ones. */
    private Sizes fresh() {
        Sizes current = sizes;
        long refresh = settings.sizeRefresh().toNanos();
        if (current.readAtNanos() != Long.MIN_VALUE && System.nanoTime() - current.readAtNanos() < refresh) {
            return current;
        }
        boolean wait = refresh == 0 || current.readAtNanos() == Long.MIN_VALUE;
        if (wait) {
            refreshing.lock();
        } else if (!refreshing.tryLock()) {
            return current;
        }
        try {
            if (sizes != current) {
                return sizes;
            }
            long at = System.nanoTime();
            Sizes read = db.read(dsl -> new Sizes(readSizes(dsl), readLimits(dsl), at));
            sizes = read;
            return read;
        } finally {
            refreshing.unlock();
        }
    }

    private static Map<Long, long[]> readLimits(DSLContext dsl) {
        Map<Long, long[]> limits = new HashMap<>();
        dsl.select(CONTROL_TABLE_LIMITS.TABLE_ID, CONTROL_TABLE_LIMITS.WARN_SIZE, CONTROL_TABLE_LIMITS.MAX_SIZE)
                .from(CONTROL_TABLE_LIMITS)
                .forEach(r -> limits.put(r.value1(), new long[] {r.value2(), r.value3()}));
        return limits;
    }

    private Map<Long, Long> readSizes(DSLContext dsl) {
        if (sizesUnknown) {
            return Map.of();
        }
        Map<Long, Long> bytes = new HashMap<>();
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            Field<Long> size = DSL.function("pg_total_relation_size", Long.class,
                    DSL.function("to_regclass", Object.class, DSL.inline("ct_").concat(CONTROL_TABLES.ID)));
            for (Record2<Long, Long> r : dsl.select(CONTROL_TABLES.ID, size).from(CONTROL_TABLES).fetch()) {
                if (r.value2() != null) {
                    bytes.put(r.value1(), r.value2());
                }
            }
            return bytes;
        }
        // SQLite: every page of each b-tree (the table, and its key index unless the key is the rowid).
        Table<?> dbstat = DSL.table(DSL.name("dbstat")).as("d");
        Table<?> master = DSL.table(DSL.name("sqlite_master")).as("m");
        Field<String> btree = DSL.field(DSL.name("d", "name"), String.class);
        Field<Long> pgsize = DSL.field(DSL.name("d", "pgsize"), Long.class);
        Field<String> object = DSL.field(DSL.name("m", "name"), String.class);
        Field<String> owner = DSL.field(DSL.name("m", "tbl_name"), String.class);
        try {
            for (Record2<String, java.math.BigDecimal> r : dsl.select(owner, DSL.sum(pgsize)).from(dbstat)
                    .join(master).on(btree.eq(object)).where(owner.like("ct\\_%").escape('\\')).groupBy(owner)
                    .fetch()) {
                bytes.put(Long.parseLong(r.value1().substring(3)), r.value2().longValue());
            }
        } catch (StoreException | org.jooq.exception.DataAccessException e) {
            sizesUnknown = true;
            LOG.warn("{}: table sizes are not available (SQLite's dbstat: {}); table size limits are not enforced",
                    db.description(), e.getMessage());
            return Map.of();
        }
        return bytes;
    }
}
