package dev.ctrlstore.store.sql;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigratorTest {
    @Test
    void anUnknownDialectIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> new SchemaMigrator(null, "postgres", "a database", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ctrlstore dialect \"postgres\"; use one of: sqlite, postgresql");
    }
}
