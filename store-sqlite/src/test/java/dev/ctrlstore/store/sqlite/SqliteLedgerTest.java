package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sql.ledger.LedgerCenterTests;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A SQLite center: the ledger appended inside the single writer's transaction. */
class SqliteLedgerTest extends LedgerCenterTests {
    @TempDir
    Path dir;

    private SqlStore open(String name, LedgerMode mode) {
        SqliteStore store = SqliteStore.builder().path(dir.resolve(name + ".db")).ledger(mode)
                .secretCipher(AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES])).build();
        store.migrate();
        return store;
    }

    @Override
    protected SqlStore openWithLedger(String name) {
        return open(name, LedgerMode.SYNC);
    }

    @Override
    protected SqlStore openWithoutLedger(String name) {
        return open(name, LedgerMode.OFF);
    }

    @Override
    protected <T> T query(String name, Function<DSLContext, T> query) {
        return SqliteFiles.query(dir.resolve(name + ".db"), query);
    }

    @Test
    @DisplayName("GROUP_COMMIT is refused on SQLite, and any ledger on a read-only store")
    void groupCommitIsForPostgres() {
        assertThatThrownBy(() -> SqliteStore.builder().path(dir.resolve("g.db")).ledger(LedgerMode.GROUP_COMMIT)
                .build()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("use SYNC");
        assertThatThrownBy(() -> SqliteStore.builder().path(dir.resolve("r.db")).readOnly(true)
                .ledger(LedgerMode.SYNC).build()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("read-only store writes no ledger");
    }
}
