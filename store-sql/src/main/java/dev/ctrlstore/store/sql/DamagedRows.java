package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.StorageException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableField;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rows holding what the store never writes (an unknown enum text, a malformed id, text in a time column, JSON
 * {@code null} or broken JSON in a document column): put there by hand or by other software. Reading one fails with
 * a {@link StorageException} naming the table, the column and the row, whichever way the row was read: the prepared
 * hot path ({@link PreparedJdbc}) and jOOQ's fetches (as this listener, on every store's {@code DSLContext}) both end
 * here. Never an {@code InvalidArgumentException}: that is for the caller's input, and the caller did nothing wrong.
 */
final class DamagedRows implements ExecuteListener {
    static final DamagedRows LISTENER = new DamagedRows();
    /** jOOQ reports a failed conversion as "Error while reading field: ..., at JDBC index: n" caused by ours. */
    private static final Pattern AT_INDEX = Pattern.compile("^Error while reading field: .*, at JDBC index: (\\d+)");
    private static final long serialVersionUID = 1L;

    private DamagedRows() {
    }

    /** The error for {@code column} of {@code table} in the row whose key is {@code rowId}, refused by {@code why}. */
    static StorageException damaged(String table, String column, String rowId, Throwable why) {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        return new StorageException("damaged row: table " + table + ", column " + column + ", row " + rowId
                + ": the stored value cannot be read (" + reason + "); the row was changed by hand or written by"
                + " other software: correct or delete it", why);
    }

    /** The table a selected field belongs to, or "?" for an expression. */
    static String table(Field<?> field) {
        return field instanceof TableField<?, ?> f && f.getTable() != null ? f.getTable().getName() : "?";
    }

    /** The name of the column that identifies a row of a table: its id, or a telemetry row's seq. */
    static boolean identifies(Field<?> field) {
        return field.getName().equals("id") || field.getName().equals("seq");
    }

    /** The raw text of the identifying column at {@code index} (1-based) of the current row; "?" when unknown. */
    static String rowId(ResultSet rs, int index) {
        if (index < 1) {
            return "?";
        }
        try {
            return String.valueOf(rs.getString(index));
        } catch (SQLException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        Record record = ctx.record();
        ResultSet rs = ctx.resultSet();
        if (record == null || rs == null || ctx.exception() == null) {
            return;
        }
        for (Throwable t = ctx.exception(); t != null; t = t.getCause()) {
            Matcher m = t instanceof SQLException && t.getMessage() != null ? AT_INDEX.matcher(t.getMessage()) : null;
            if (m != null && m.find() && t.getCause() != null) {
                int index = Integer.parseInt(m.group(1));
                Field<?> field = index <= record.size() ? record.field(index - 1) : null;
                if (field == null) {
                    return;
                }
                int id = -1;
                for (int i = 0; i < record.size(); i++) {
                    if (identifies(record.field(i)) && table(record.field(i)).equals(table(field))) {
                        id = i + 1;
                        break;
                    }
                }
                throw damaged(table(field), field.getName(), rowId(rs, id), t.getCause());
            }
        }
    }
}
