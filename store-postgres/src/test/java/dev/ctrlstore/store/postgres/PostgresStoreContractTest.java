package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.tck.StoreContract;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.atomic.AtomicInteger;

/** The whole compatibility kit against a fresh schema per test on a real PostgreSQL server. */
@PostgresTest
class PostgresStoreContractTest extends StoreContract {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase db) {
        database = db;
    }

    @Override
    protected Store createStore() {
        PostgresStore store = PostgresStore.builder()
                .jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password())
                .poolSize(4)
                .schema("tck_" + SCHEMAS.incrementAndGet())
                .clock(clock())
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]))
                .build();
        store.migrate();
        return store;
    }
}
