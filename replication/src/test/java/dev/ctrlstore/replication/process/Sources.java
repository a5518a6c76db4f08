package dev.ctrlstore.replication.process;

import dev.ctrlstore.replication.reflector.JdbcLedgerSource;
import dev.ctrlstore.store.sql.ledger.LedgerSource;

/** How the process tests reach the center's ledger. */
final class Sources {

    private Sources() {
    }

    /** The center over JDBC, woken by its notifications, as a host's reflector reads it. */
    static LedgerSource center(String jdbcUrl, String user, String password) {
        return JdbcLedgerSource.builder().jdbcUrl(jdbcUrl).user(user).password(password).listen(true).build();
    }
}
