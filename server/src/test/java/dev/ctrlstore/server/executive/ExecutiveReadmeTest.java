package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.ReadmeExamples;
import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's curl examples of "Write service (executive)" verbatim with bash against a running executive,
 * and compares each block's output with the {@code text} block that follows it.
 */
@PostgresTest
class ExecutiveReadmeTest {
    private static final String HEADING = "## Write service (executive)";
    private static final String TOKEN = "readme-admin-token";

    @Test
    @DisplayName("the README's executive curl examples run as written and print what the README shows")
    void readmeExamples(TestDatabase db) throws Exception {
        List<ReadmeExamples.Example> examples = ReadmeExamples.of(HEADING);
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            try (ExecutiveServer executive = ExecutiveServer.builder()
                    .store(center.control(ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5))))
                    .adminToken(TOKEN).build().start()) {
                for (ReadmeExamples.Example e : examples) {
                    e.run(Map.of("EXECUTIVE", executive.uri().toString(), "ADMIN_TOKEN", TOKEN));
                }
            }
        }
    }
}
