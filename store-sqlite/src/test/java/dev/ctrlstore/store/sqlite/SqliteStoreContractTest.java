package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.tck.StoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole compatibility kit against a fresh SQLite file per test. */
class SqliteStoreContractTest extends StoreContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    static Path dir;

    @Override
    protected Store createStore() {
        SqliteStore store = SqliteStore.builder()
                .path(dir.resolve("tck-" + FILES.incrementAndGet() + ".db"))
                .clock(clock())
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .build();
        store.migrate();
        return store;
    }
}
