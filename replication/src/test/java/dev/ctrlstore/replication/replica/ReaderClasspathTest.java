package dev.ctrlstore.replication.replica;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application that only reads an LDB needs neither the PostgreSQL driver nor HikariCP: no class of the replica
 * or the LDB reaches them, even through other classes, and a JVM without those jars reads an LDB.
 */
class ReaderClasspathTest {
    @TempDir
    Path dir;

    @Test
    void noReplicaOrLdbClassReachesThePostgresDriverOrThePool() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ctrlstore");
        assertThat(classes.contain(LdbStore.class)).as("the replica's classes were imported").isTrue();
        readersNeedNoServer("dev.ctrlstore.replication.replica..", "dev.ctrlstore.replication.ldb..",
                "dev.ctrlstore.replication.control..").check(classes);
        // The same rule over the PostgreSQL store fails: it can see a violation.
        assertThatThrownBy(() -> readersNeedNoServer("dev.ctrlstore.store.postgres..").check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.postgresql");
    }

    private static ArchRule readersNeedNoServer(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().transitivelyDependOnClassesThat().resideInAnyPackage("org.postgresql..", "com.zaxxer..",
                        "dev.ctrlstore.store.postgres..", "dev.ctrlstore.replication.reflector..")
                .because("a host that only reads its LDB runs without the PostgreSQL driver and a connection pool;"
                        + " reading the center belongs in the reflector");
    }

    @Test
    void aJvmWithoutThePostgresDriverAndHikariReadsAnLdb() throws IOException, InterruptedException {
        Path ldb = LdbFiles.create(dir.resolve("ldb.db"));
        TenantId tenant = TenantId.generate();
        Instance app;
        try (SqliteStore reflector = SqliteStore.builder().path(ldb).build()) {
            app = reflector.instances().insert(Instance.builder().tenantId(tenant).name("api").slug("api").build());
        }
        LdbFiles.position(ldb, 7, Instant.now());

        List<String> full = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> readerOnly = full.stream().filter(entry -> !serverSide(entry)).toList();
        assertThat(full).as("this test's own classpath has the driver and the pool, so removing them is a change")
                .anyMatch(e -> e.contains("postgresql")).anyMatch(e -> e.contains("HikariCP"));

        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, readerOnly),
                ReaderMain.class.getName(), ldb.toString(), "7", tenant.value(), app.id().value())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("the child's exit code; its output:%n%s", output).isZero();
        assertThat(output.lines()).contains("applied=7", "name=api", "postgresql=false", "hikari=false");
    }

    /** A classpath entry only a process that talks to PostgreSQL needs. */
    private static boolean serverSide(String entry) {
        String e = entry.toLowerCase(Locale.ROOT);
        return e.contains("postgres") || e.contains("hikaricp") || e.contains("zaxxer");
    }
}
