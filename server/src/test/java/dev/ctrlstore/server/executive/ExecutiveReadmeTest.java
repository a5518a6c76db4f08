package dev.ctrlstore.server.executive;

import dev.ctrlstore.store.postgres.PostgresStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's curl examples of "Write service (executive)" verbatim with bash against a running executive,
 * and compares each block's output with the {@code text} block that follows it.
 */
@PostgresTest
class ExecutiveReadmeTest {
    private static final String HEADING = "## Write service (executive)";
    private static final String TOKEN = "readme-admin-token";

    /** A {@code sh} block and the output the README shows for it (null when it shows none). */
    record Example(String script, String expected) {
    }

    @Test
    @DisplayName("the README's executive curl examples run as written and print what the README shows")
    void readmeExamples(TestDatabase db) throws Exception {
        List<Example> examples = examples(Files.readString(readme()));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        try (PostgresStore center = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).ledger(LedgerMode.SYNC).build()) {
            center.migrate();
            try (ExecutiveServer executive = ExecutiveServer.builder()
                    .store(center.control(ControlSettings.defaults().withSecrets(1000, Duration.ofMinutes(5))))
                    .adminToken(TOKEN).build().start()) {
                for (Example e : examples) {
                    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + e.script());
                    pb.environment().put("EXECUTIVE", executive.uri().toString());
                    pb.environment().put("ADMIN_TOKEN", TOKEN);
                    pb.redirectErrorStream(true);
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as("exit of:%n%s%noutput:%n%s", e.script(), out).isZero();
                    if (e.expected() != null) {
                        assertThat(out.strip()).as("output of:%n%s", e.script()).isEqualTo(e.expected().strip());
                    }
                }
            }
        }
    }

    static List<Example> examples(String readme) {
        int start = readme.indexOf("\n" + HEADING + "\n");
        assertThat(start).as("README has a section %s", HEADING).isNotNegative();
        int end = readme.indexOf("\n## ", start + HEADING.length() + 2);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<Example> out = new ArrayList<>();
        String[] parts = section.split("\n```", -1);
        // parts alternate: prose, fence body, prose, fence body, ...
        for (int i = 1; i < parts.length; i += 2) {
            if (parts[i].startsWith("sh\n")) {
                String expected = null;
                if (i + 2 < parts.length && parts[i + 1].isBlank() && parts[i + 2].startsWith("text\n")) {
                    expected = parts[i + 2].substring("text\n".length());
                }
                out.add(new Example(parts[i].substring("sh\n".length()), expected));
            }
        }
        return out;
    }

    private static Path readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.readString(candidate).contains(HEADING)) {
                return candidate;
            }
        }
        throw new IOException("no README.md with \"" + HEADING + "\" above " + Path.of("").toAbsolutePath());
    }
}
