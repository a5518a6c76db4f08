package dev.ctrlstore.store.sqlite;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.admin.Quota;
import dev.ctrlstore.store.admin.Tenant;
import dev.ctrlstore.store.deploy.Release;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.PageRequest;
import dev.ctrlstore.store.secret.AesGcmSecretCipher;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.SecretType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only a file-backed store has: persistence, refusing files it must not touch, read-only opening. */
class SqliteStoreFileTest {
    private static final SecretCipher CIPHER = AesGcmSecretCipher.of(new byte[AesGcmSecretCipher.KEY_BYTES]);

    @TempDir
    Path dir;

    private final TenantId tenant = TenantId.generate();

    private SqliteStore open(Path file) {
        return SqliteStore.builder().path(file).secretCipher(CIPHER).build();
    }

    private SqliteStore openMigrated(Path file) {
        SqliteStore store = open(file);
        store.migrate();
        return store;
    }

    private SqliteStore openReadOnly(Path file) {
        return SqliteStore.builder().path(file).readOnly(true).build();
    }

    private Instance newInstance(String slug) {
        return Instance.builder().tenantId(tenant).name("Instance " + slug).slug(slug)
                .labels(Map.of("team", "core")).build();
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        Path file = dir.resolve("store.db");
        Instance instance;
        Release release;
        Tenant registered;
        try (SqliteStore store = openMigrated(file)) {
            instance = store.instances().insert(newInstance("api"));
            release = store.deployments().insertRelease(Release.builder().tenantId(tenant)
                    .instanceId(instance.id()).version(1).notes("first").build());
            registered = store.admin().insertTenant(Tenant.builder().id(tenant).name("Acme").slug("acme-" + tenant
                    .value().substring(4, 12)).quota(new Quota(1, 2, 3, 4, 5, 6)).build());
            store.secrets().insert(Secret.builder().tenantId(tenant).instanceId(instance.id()).key("DB_PASSWORD")
                    .type(SecretType.ENV).value(SecretValue.ofUtf8("hunter2")).build());
        }
        // Closing checkpoints the write-ahead log: the file alone holds everything (copyable as a snapshot).
        assertThat(Path.of(file + "-wal")).doesNotExist();
        try (SqliteStore store = openMigrated(file)) {
            assertThat(store.instances().get(tenant, instance.id())).isEqualTo(instance);
            assertThat(store.deployments().getRelease(tenant, release.id())).isEqualTo(release);
            assertThat(store.admin().getTenant(tenant)).isEqualTo(registered);
            assertThat(store.secrets().get(tenant, instance.id(), "DB_PASSWORD").value().utf8()).isEqualTo("hunter2");
            assertThat(store.instances().list(tenant, InstanceFilter.all().withLabels(Map.of("team", "core")),
                    PageRequest.first(10)).items()).containsExactly(instance);
        }
    }

    @Test
    void secretValuesAreNotStoredInPlaintext() throws IOException {
        Path file = dir.resolve("secrets.db");
        String marker = "plaintext-marker-" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4});
        try (SqliteStore store = openMigrated(file)) {
            Instance instance = store.instances().insert(newInstance("vault"));
            store.secrets().insert(Secret.builder().tenantId(tenant).instanceId(instance.id()).key("TOKEN")
                    .type(SecretType.ENV).value(SecretValue.ofUtf8(marker)).build());
            assertThat(store.secrets().get(tenant, instance.id(), "TOKEN").value().utf8()).isEqualTo(marker);
        }
        // Committed pages may still sit in the write-ahead log, so read it too.
        StringBuilder contents = new StringBuilder();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = Path.of(file + suffix);
            if (Files.exists(part)) {
                contents.append(new String(Files.readAllBytes(part), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(contents).contains("TOKEN").doesNotContain(marker);
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are my notes, not a database\n".repeat(200));
        String before = sha256(file);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a SQLite database");
        assertThatThrownBy(() -> openReadOnly(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("not a SQLite database");

        assertThat(sha256(file)).isEqualTo(before);
        assertThat(dir.resolve("notes.txt-wal")).doesNotExist();
        assertThat(dir.resolve("notes.txt-shm")).doesNotExist();
    }

    @Test
    void aPathInAFolderThatDoesNotExistSaysToCreateTheFolder() throws IOException {
        Path folder = dir.resolve("no-such-folder").resolve("nested");
        Path file = folder.resolve("store.db");
        assertThatThrownBy(() -> SqliteStore.builder().path(file).build())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("the folder " + folder.toAbsolutePath() + " does not exist")
                .hasMessageContaining("mkdir -p " + folder.toAbsolutePath());
        assertThat(dir.resolve("no-such-folder")).doesNotExist();

        Path plainFile = dir.resolve("plain");
        Files.writeString(plainFile, "x");
        assertThatThrownBy(() -> SqliteStore.builder().path(plainFile.resolve("store.db")).build())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("the folder " + plainFile.toAbsolutePath() + " is not a directory");
    }

    @Test
    void refusesASchemaNewerThanTheCodeAndLeavesTheFileUntouched() throws IOException {
        Path file = dir.resolve("future.db");
        openMigrated(file).close();
        // A later release adds V999; Flyway applies it the way that release would.
        Path future = Files.createDirectories(dir.resolve("future-migrations"));
        Files.writeString(future.resolve("V999__from_the_future.sql"), "CREATE TABLE future_things (id TEXT);\n");
        Properties sqliteTypes = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/ctrlstore/migrations/dialect/sqlite.conf")) {
            sqliteTypes.load(in);
        }
        Flyway.configure().configuration(sqliteTypes).dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:dev/ctrlstore/migrations/common", "classpath:dev/ctrlstore/migrations/sqlite",
                        "filesystem:" + future)
                .table("ctrlstore_schema_history")
                .load().migrate();
        String before = sha256(file);

        assertThatThrownBy(() -> open(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version 999")
                .hasMessageContaining("newer than the newest this code knows (6)");
        assertThatThrownBy(() -> openReadOnly(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining("schema version 999");

        assertThat(sha256(file)).isEqualTo(before);
    }

    @Test
    void readOnlyStoreSeesRowsAnotherStoreCommitsAndRefusesWrites() {
        Path file = dir.resolve("live.db");
        try (SqliteStore writer = openMigrated(file); SqliteStore reader = openReadOnly(file)) {
            assertThat(reader.instances().count(tenant)).isZero();

            Instance first = writer.instances().insert(newInstance("first"));
            assertThat(reader.instances().get(tenant, first.id())).isEqualTo(first);

            Instance updated = writer.instances().update(first.toBuilder().name("renamed").build());
            Instance second = writer.instances().insert(newInstance("second"));
            assertThat(reader.instances().get(tenant, first.id())).isEqualTo(updated);
            assertThat(reader.instances().count(tenant)).isEqualTo(2);
            assertThat(reader.instances().getBySlug(tenant, "second")).isEqualTo(second);

            assertThatThrownBy(() -> reader.instances().insert(newInstance("third")))
                    .isInstanceOf(ReadOnlyStoreException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("read-only")
                    .hasMessageContaining("instances().insert");
            assertThatThrownBy(() -> reader.instances().delete(tenant, first.id()))
                    .isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(reader::migrate).isInstanceOf(ReadOnlyStoreException.class);
            assertThat(writer.instances().count(tenant)).isEqualTo(2);
        }
    }

    @Test
    void readOnlyNeedsAnExistingMigratedFile() throws IOException {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> openReadOnly(missing))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no such file");
        assertThat(missing).doesNotExist();

        Path empty = dir.resolve("empty.db");
        open(empty).close();
        String before = sha256(empty);
        assertThatThrownBy(() -> openReadOnly(empty))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no ctrlstore schema")
                .hasMessageContaining("migrate()");
        assertThat(sha256(empty)).isEqualTo(before);
    }

    @Test
    void callsBeforeMigrateSayToMigrate() {
        try (SqliteStore store = open(dir.resolve("unmigrated.db"))) {
            assertThatThrownBy(() -> store.instances().count(tenant))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("call migrate()");
            store.migrate();
            assertThat(store.instances().count(tenant)).isZero();
            store.migrate();
            assertThat(store.instances().count(tenant)).isZero();
        }
    }

    @Test
    void closedStoreRefusesCalls() {
        SqliteStore store = openMigrated(dir.resolve("closed.db"));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.instances().get(tenant, InstanceId.generate()))
                .isInstanceOf(StoreClosedException.class)
                .hasMessageContaining("closed.db");
        assertThatThrownBy(store::ping).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void secretsNeedACipherButMetadataDoesNot() {
        try (SqliteStore store = SqliteStore.builder().path(dir.resolve("nocipher.db")).build()) {
            store.migrate();
            Instance instance = store.instances().insert(newInstance("plain"));
            assertThatThrownBy(() -> store.secrets().insert(Secret.builder().tenantId(tenant)
                    .instanceId(instance.id()).key("K").type(SecretType.ENV).value(SecretValue.ofUtf8("v")).build()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("secretCipher");
            assertThat(store.secrets().list(tenant, instance.id())).isEmpty();
            assertThat(store.secrets().count(tenant)).isZero();
        }
    }

    @Test
    void builderValidatesSettings() {
        InvalidArgumentException noPath = assertInvalidArgument(() -> SqliteStore.builder().build(), "path");
        assertThat(noPath).hasMessageContaining("path");
        assertInvalidArgument(() -> SqliteStore.builder().path(dir.resolve("x.db")).readerPoolSize(0).build(),
                "readerPoolSize");
        assertInvalidArgument(() -> SqliteStore.builder().path(dir.resolve("x.db")).readerPoolSize(65).build(),
                "readerPoolSize");
        assertInvalidArgument(() -> SqliteStore.builder().path(dir.resolve("x.db"))
                .busyTimeout(java.time.Duration.ofMillis(-1)).build(), "busyTimeout");
        assertThat(dir.resolve("x.db")).doesNotExist();
        assertThatThrownBy(() -> SqliteStore.builder().path(dir).build())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void configReportsWhatWasOpened() {
        try (SqliteStore store = SqliteStore.builder().path(dir.resolve("cfg.db")).readerPoolSize(2).build()) {
            assertThat(store.config().path()).isEqualTo(dir.resolve("cfg.db").toAbsolutePath());
            assertThat(store.config().readerPoolSize()).isEqualTo(2);
            assertThat(store.config().busyTimeout()).isEqualTo(SqliteConfig.DEFAULT_BUSY_TIMEOUT);
            assertThat(store.config().readOnly()).isFalse();
            assertThat(store.toString()).contains("cfg.db");
            assertThat(List.of(store.config().secretCipher().isPresent())).containsExactly(false);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
