package dev.ctrlstore.replication.ldb;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's {@code REPLACE} deletes the old row before inserting the new one, which fires {@code ON DELETE CASCADE}
 * and silently removes the row's children: the applier upserts with {@code ON CONFLICT DO UPDATE} only.
 */
class NoReplaceTest {
    private static final Pattern REPLACE = Pattern.compile("(?i)\\b(insert\\s+or\\s+replace|replace\\s+into)\\b");

    @Test
    @DisplayName("every rendered upsert is INSERT … ON CONFLICT (pk) DO UPDATE/NOTHING with placeholders, never REPLACE")
    void renderedStatements() {
        var tables = TableStatements.replicated();
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(ControlData.TABLES.stream(), ControlData.CONTROL_REGISTRY.stream())
                        .toList());
        for (TableStatements t : tables.values()) {
            assertThat(t.upsert).as(t.table).doesNotContainPattern(REPLACE)
                    .containsPattern("(?i)^insert into .*" + t.table + ".* on conflict \\(")
                    .containsPattern("(?i)do (update set|nothing)").doesNotContainIgnoringCase("cast(");
            assertThat(t.upsert.chars().filter(c -> c == '?').count()).as(t.table).isEqualTo(t.columns.size());
            assertThat(t.delete).as(t.table).containsPattern("(?i)^delete from")
                    .matches(sql -> sql.chars().filter(c -> c == '?').count() == t.key.size());
        }
    }

    @Test
    @DisplayName("no source file of the replication module writes REPLACE")
    void sources() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return REPLACE.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(offenders).isEmpty();
        }
    }
}
