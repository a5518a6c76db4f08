package dev.ctrlstore.benchmarks;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The (tenant, id) keys a getById benchmark reads, {@code tenants[k]} with {@code ids[k]}: the data's instances in
 * fill order (instance i of every tenant before instance i + 1, as {@link Fixtures#populate} inserts them) shuffled
 * by {@link Fixtures#shuffled}, so every store and its baseline visit the same keys in the same order.
 */
public record Keys(TenantId[] tenants, InstanceId[] ids) {
    /**
     * Fill order from the slugs ({@code web-<i>} of tenant {@code tenant-<t>}): a parallel fill inserts rows in no
     * particular order, so insertion order (SQLite's rowid) would not be the same everywhere.
     */
    private static final String IN_FILL_ORDER = "select i.tenant_id, i.id from instances i"
            + " join tenants t on t.id = i.tenant_id"
            + " order by cast(substr(i.slug, 5) as integer), cast(substr(t.slug, 8) as integer)";

    /** The keys of the data {@link Fixtures#populate} filled, read from the database {@code connection} is on. */
    static Keys read(Connection connection) throws SQLException {
        List<TenantId> tenants = new ArrayList<>();
        List<InstanceId> ids = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(IN_FILL_ORDER)) {
            while (rs.next()) {
                tenants.add(new TenantId(rs.getString(1)));
                ids.add(new InstanceId(rs.getString(2)));
            }
        }
        return shuffled(tenants, ids);
    }

    /** The keys given in fill order, shuffled. */
    static Keys shuffled(List<TenantId> tenants, List<InstanceId> ids) {
        int[] order = Fixtures.shuffled(ids.size());
        Keys keys = new Keys(new TenantId[order.length], new InstanceId[order.length]);
        for (int i = 0; i < order.length; i++) {
            keys.tenants[i] = tenants.get(order[i]);
            keys.ids[i] = ids.get(order[i]);
        }
        return keys;
    }

    /** Each thread walks the shuffled keys from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next(int size) {
            int k = next;
            next = k + 1 == size ? 0 : k + 1;
            return k;
        }
    }
}
