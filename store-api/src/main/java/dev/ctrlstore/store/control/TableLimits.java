package dev.ctrlstore.store.control;

import java.util.List;

/**
 * Size limits of control tables in bytes: the defaults, and the tables that override them. A mutation of a table
 * over its max size is refused ({@link ControlException.Reason#TABLE_FULL}); over its warn size it is counted.
 */
public record TableLimits(long defaultWarnSize, long defaultMaxSize, List<TableLimit> tables) {

    /** One table's own limits. */
    public record TableLimit(String family, String table, long warnSize, long maxSize) {
    }
}
