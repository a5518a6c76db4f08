package dev.ctrlstore.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sh} blocks of one README section, each with the {@code text} block that follows it (the output the
 * README shows), run verbatim with bash.
 */
public final class ReadmeExamples {

    /** A {@code sh} block and the output the README shows for it (null when it shows none). */
    public record Example(String script, String expected) {

        /**
         * Runs the script with bash ({@code set -euo pipefail}) and {@code env}; asserts exit 0 and, when the README
         * shows an output, that the output is that.
         */
        public void run(Map<String, String> env) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script);
            pb.environment().putAll(env);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("exit of:%n%s%noutput:%n%s", script, out).isZero();
            if (expected != null) {
                assertThat(out.strip()).as("output of:%n%s", script).isEqualTo(expected.strip());
            }
        }
    }

    private ReadmeExamples() {
    }

    /** The examples of the section under {@code heading} (e.g. {@code ## Read sidecar}) of the project's README. */
    public static List<Example> of(String heading) throws IOException {
        return parse(Files.readString(readme(heading)), heading);
    }

    static List<Example> parse(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has a section %s", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
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

    private static Path readme(String heading) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.readString(candidate).contains(heading)) {
                return candidate;
            }
        }
        throw new IOException("no README.md with \"" + heading + "\" above " + Path.of("").toAbsolutePath());
    }
}
