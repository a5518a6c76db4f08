package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sql.ledger.LedgerReplica;
import dev.ctrlstore.store.tck.StoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole compatibility kit against SQLite centers with the ledger on; after each test, every store's ledger,
 * replayed from the start, must equal its replicated tables.
 */
class SqliteLedgerContractTest extends StoreContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    static Path dir;

    private final List<Path> files = new ArrayList<>();

    @Override
    protected Store createStore() {
        Path file = dir.resolve("ledger-tck-" + FILES.incrementAndGet() + ".db");
        SqliteStore store = SqliteStore.builder()
                .path(file)
                .clock(clock())
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .ledger(LedgerMode.SYNC)
                .build();
        store.migrate();
        files.add(file);
        return store;
    }

    @AfterEach
    void ledgerEqualsTables() throws SQLException {
        for (Path file : files) {
            try (SqlStore reader = SqliteStore.builder().path(file).build();
                 Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                LedgerReplica replica = new LedgerReplica(0).catchUp(reader.ledger(), 100);
                assertThat(replica.tables()).as("ledger of %s replayed", file)
                        .isEqualTo(LedgerReplica.images(DSL.using(c, SQLDialect.SQLITE)));
            }
        }
        files.clear();
    }
}
