package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's ways of migrating a PostgreSQL database outside the application, run as a user would run them (the
 * Maven wrapper) against a real server: this repository's {@code migrations} module, and an application's own pom
 * with the published migrations jar as the Flyway plugin's dependency. The store then opens the database as current.
 * Mistakes newcomers make (the default SQLite dialect on PostgreSQL, a mistyped dialect) fail saying what to do.
 */
@PostgresTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FlywayMigrateCommandTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    @Test
    void readmeFlywayMigrateCommandMigratesAPostgresDatabase(TestDatabase db) throws Exception {
        Result maven = maven(ROOT, db, "readme", "-pl", "migrations", "validate", "flyway:migrate",
                "-Dctrlstore.dialect=postgresql");
        assertThat(maven.exit).as("exit code; output:%n%s", maven.output).isZero();

        assertStoreHistoryComplete(db, "readme");
        assertStoreOpensAsCurrent(db, "readme");
    }

    @Test
    void theSqliteDialectOnPostgresFailsSayingWhichDialectToUse(TestDatabase db) throws Exception {
        Result maven = maven(ROOT, db, "wrong_dialect", "-pl", "migrations", "validate", "flyway:migrate");
        assertThat(maven.exit).as("exit code; output:%n%s", maven.output).isNotZero();
        assertThat(maven.output).contains("these are the SQLite scripts (dialect sqlite), but the database is not"
                + " SQLite").contains("-Dctrlstore.dialect=postgresql").doesNotContain("AUTOINCREMENT");
    }

    @Test
    void anUnknownDialectFailsListingTheValidOnes(TestDatabase db) throws Exception {
        Result maven = maven(ROOT, db, "unknown_dialect", "-pl", "migrations", "validate", "flyway:migrate",
                "-Dctrlstore.dialect=postgres");
        assertThat(maven.exit).as("exit code; output:%n%s", maven.output).isNotZero();
        assertThat(maven.output).contains("-Dctrlstore.dialect=postgres is not a ctrlstore dialect; use one of:"
                + " sqlite, postgresql");
    }

    /**
     * The README's plugin configuration in a generated application pom, with the migrations jar this build made as
     * the plugin's dependency, installed under a version of its own into a private local repository (the user's
     * repository behind it, read-only, for everything else).
     */
    @Test
    void anApplicationPomMigratesWithThePublishedJar(TestDatabase db) throws Exception {
        String version = "0.0.0-consumer-test";
        Path repo = tmp.resolve("repo");
        Path artifact = Files.createDirectories(repo.resolve("dev/ctrlstore/ctrlstore-migrations/" + version));
        writeMigrationsJar(artifact.resolve("ctrlstore-migrations-" + version + ".jar"));
        Files.writeString(artifact.resolve("ctrlstore-migrations-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.ctrlstore</groupId>
                  <artifactId>ctrlstore-migrations</artifactId>
                  <version>%s</version>
                </project>
                """.formatted(version));
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>app</artifactId>
                  <version>1.0</version>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.flywaydb</groupId>
                        <artifactId>flyway-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <locations>
                            <location>classpath:dev/ctrlstore/migrations/common</location>
                            <location>classpath:dev/ctrlstore/migrations/postgresql</location>
                          </locations>
                          <table>ctrlstore_schema_history</table>
                          <baselineOnMigrate>true</baselineOnMigrate>
                          <baselineVersion>0</baselineVersion>
                          <placeholders>
                            <ts>TIMESTAMPTZ</ts>
                            <ordered_text>TEXT COLLATE "C"</ordered_text>
                            <bytes>BYTEA</bytes>
                            <serial>BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY</serial>
                          </placeholders>
                        </configuration>
                        <dependencies>
                          <dependency>
                            <groupId>dev.ctrlstore</groupId>
                            <artifactId>ctrlstore-migrations</artifactId>
                            <version>%s</version>
                          </dependency>
                          <dependency>
                            <groupId>org.flywaydb</groupId>
                            <artifactId>flyway-database-postgresql</artifactId>
                            <version>%s</version>
                          </dependency>
                          <dependency>
                            <groupId>org.postgresql</groupId>
                            <artifactId>postgresql</artifactId>
                            <version>%s</version>
                          </dependency>
                        </dependencies>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(property("flyway.version"), version, property("flyway.version"),
                property("postgresql.version")));

        Result maven = maven(app, db, "consumer", "-f", app.resolve("pom.xml").toString(), "flyway:migrate",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + property("localRepository"));
        assertThat(maven.exit).as("exit code; output:%n%s", maven.output).isZero();

        assertStoreHistoryComplete(db, "consumer");
        assertStoreOpensAsCurrent(db, "consumer");
    }

    private static void assertStoreHistoryComplete(TestDatabase db, String schema) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + schema + "." + SchemaMigrator.HISTORY_TABLE
                     + " WHERE success AND type = 'SQL' ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        assertThat(versions).as("versions applied by Maven").containsExactly("1", "2", "3", "4", "5", "6");
    }

    private static void assertStoreOpensAsCurrent(TestDatabase db, String schema) {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).schema(schema).build()) {
            TenantId tenant = TenantId.generate();
            Instance stored = store.instances().insert(Instance.builder().tenantId(tenant).name("after maven")
                    .slug("after-maven").build());
            assertThat(store.instances().get(tenant, stored.id())).isEqualTo(stored);
            store.migrate();
        }
    }

    /** The migrations as this build has them on the test classpath: the module's jar, or its classes as a jar. */
    private static void writeMigrationsJar(Path jar) throws IOException, URISyntaxException {
        URL list = FlywayMigrateCommandTest.class.getClassLoader().getResource("dev/ctrlstore/migrations/scripts.list");
        assertThat(list).as("the migrations on the test classpath").isNotNull();
        if (list.getProtocol().equals("jar")) {
            Files.copy(Path.of(URI.create(list.getPath().substring(0, list.getPath().indexOf("!/")))), jar);
            return;
        }
        Path classes = Path.of(list.toURI()).getParent().getParent().getParent().getParent();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static String property(String name) {
        String value = System.getProperty("ctrlstore.test." + name);
        assertThat(value).as("system property ctrlstore.test.%s (set by the module's surefire configuration)", name)
                .isNotBlank();
        return value;
    }

    private record Result(int exit, String output) { }

    /** Runs the Maven wrapper in {@code dir} on the database's {@code schema}, as a user would. */
    private Result maven(Path dir, TestDatabase db, String schema, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B",
                "-Dflyway.url=" + db.jdbcUrl(), "-Dflyway.user=" + db.user(), "-Dflyway.password=" + db.password(),
                "-Dflyway.schemas=" + schema));
        if (!List.of(arguments).contains("-f")) {
            command.add("-Dmaven.repo.local=" + property("localRepository"));
        }
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(tmp, "maven", ".log");
        ProcessBuilder maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = maven.start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("Maven finished").isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
