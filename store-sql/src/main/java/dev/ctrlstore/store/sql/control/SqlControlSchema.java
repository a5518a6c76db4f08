package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.TableDefinition;
import dev.ctrlstore.store.sql.SqlDatabase;

import java.time.Clock;
import java.util.List;

/** PLACEHOLDER until the schema registry lands; replaced wholesale by the merge. */
public final class SqlControlSchema {
    public SqlControlSchema(SqlDatabase db, Clock clock) {
    }

    public void createFamily(String family) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public List<String> families() {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public void createTables(List<TableDefinition> tables) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public void addFields(String family, String table, List<FieldDefinition> fields) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public void dropTable(String family, String table) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public void clearTable(String family, String table) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public void clearFamily(String family) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public TableDefinition table(String family, String table) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public ControlTable resolve(dev.ctrlstore.store.sql.SqlSession s, String family, String table) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }

    public List<TableDefinition> tables(String family) {
        throw new UnsupportedOperationException("schema registry not merged yet");
    }
}
