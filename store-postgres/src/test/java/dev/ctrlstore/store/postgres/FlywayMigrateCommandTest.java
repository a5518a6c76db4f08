package dev.ctrlstore.store.postgres;

import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.test.postgres.PostgresTest;
import dev.ctrlstore.test.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's command for migrating a PostgreSQL database the user runs, run as a user would (the Maven wrapper
 * from the repository root) against a real server; the store then opens the database as current.
 */
@PostgresTest
class FlywayMigrateCommandTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void readmeFlywayMigrateCommandMigratesAPostgresDatabase(TestDatabase db) throws Exception {
        String url = db.jdbcUrl();
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                "-pl", "migrations", "flyway:migrate", "-Dctrlstore.dialect=postgresql",
                "-Dflyway.url=" + url, "-Dflyway.user=" + db.user(), "-Dflyway.password=" + db.password()));
        Path log = Files.createTempFile("flyway-migrate", ".log");
        ProcessBuilder maven = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = maven.start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("Maven finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();

        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
            assertThat(rs.next()).as("version 1 applied").isTrue();
            assertThat(rs.getBoolean("success")).isTrue();
        }
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).user(db.user()).password(db.password())
                .build()) {
            TenantId tenant = TenantId.generate();
            Instance stored = store.instances().insert(Instance.builder().tenantId(tenant).name("after maven")
                    .slug("after-maven").build());
            assertThat(store.instances().get(tenant, stored.id())).isEqualTo(stored);
            store.migrate();
        }
    }
}
