package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.ControlStore;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.MutationBatch;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.control.TableLimits;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.control.WriterLimits;
import dev.ctrlstore.store.sql.SqlDatabase;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The center's {@link ControlStore} on a SQL database: the schema registry ({@link SqlControlSchema}), writers and
 * cookies, mutations, and limits, each in its own class; this one only routes. Authentication of administrators is
 * not its job (the write service does it); writers are authenticated here, by their secret.
 */
public final class SqlControlStore implements ControlStore {
    private final SqlDatabase db;
    private final SqlControlSchema schema;
    private final ControlWriters writers;
    private final ControlLimits limits;
    private final ControlMutations mutations;

    public SqlControlStore(SqlDatabase db, Clock clock, ControlSettings settings) {
        this.db = db;
        this.schema = new SqlControlSchema(db, clock);
        this.writers = new ControlWriters(db, clock, settings);
        this.limits = new ControlLimits(db, clock, settings);
        this.mutations = new ControlMutations(db, schema, writers, limits);
    }

    @Override
    public void createFamily(String family) {
        schema.createFamily(family);
    }

    @Override
    public List<String> families() {
        return schema.families();
    }

    @Override
    public void createTables(List<TableDefinition> tables) {
        schema.createTables(tables);
    }

    @Override
    public void addFields(String family, String table, List<FieldDefinition> fields) {
        schema.addFields(family, table, fields);
    }

    @Override
    public void dropTable(String family, String table) {
        schema.dropTable(family, table);
    }

    @Override
    public void clearTable(String family, String table) {
        schema.clearTable(family, table);
    }

    @Override
    public void clearFamily(String family) {
        schema.clearFamily(family);
    }

    @Override
    public TableDefinition table(String family, String table) {
        return schema.table(family, table);
    }

    @Override
    public List<TableDefinition> tables(String family) {
        return schema.tables(family);
    }

    @Override
    public void registerWriter(String writer, String secret) {
        writers.register(writer, secret);
    }

    @Override
    public byte[] cookie(WriterCredentials writer) {
        return writers.cookie(writer);
    }

    @Override
    public void setCookie(WriterCredentials writer, byte[] cookie) {
        writers.setCookie(writer, cookie);
    }

    @Override
    public long mutate(WriterCredentials writer, MutationBatch batch) {
        return mutations.mutate(writer, batch);
    }

    @Override
    public TableLimits tableLimits() {
        return limits.tableLimits();
    }

    @Override
    public void setTableLimit(String family, String table, long warnSize, long maxSize) {
        limits.setTableLimit(family, table, warnSize, maxSize);
    }

    @Override
    public void deleteTableLimit(String family, String table) {
        limits.deleteTableLimit(family, table);
    }

    @Override
    public WriterLimits writerLimits() {
        return limits.writerLimits();
    }

    @Override
    public void setWriterLimit(String writer, long amount, Duration period) {
        limits.setWriterLimit(writer, amount, period);
    }

    @Override
    public void deleteWriterLimit(String writer) {
        limits.deleteWriterLimit(writer);
    }

    @Override
    public void ping() {
        db.ping();
    }

    @Override
    public String toString() {
        return "control tables of " + db.description();
    }
}
