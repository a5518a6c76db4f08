package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Applies the shared Flyway scripts ({@code classpath:db/migration}) with the column types of one dialect
 * ({@code classpath:db/dialect/<vendor>.conf}, the same file {@code mvn flyway:migrate} reads), and tells how a
 * database's schema compares with the scripts this code carries.
 */
public final class SchemaMigrator {
    private static final String PLACEHOLDER_PREFIX = "flyway.placeholders.";

    private final Flyway flyway;
    private final String description;

    /**
     * @param vendor {@code sqlite} or {@code postgresql}
     * @param description names the database in messages
     */
    public SchemaMigrator(DataSource dataSource, String vendor, String description) {
        this(dataSource, vendor, description, Optional.empty());
    }

    /**
     * @param schema the database schema to hold the tables (created if missing); empty for the connection's default
     */
    public SchemaMigrator(DataSource dataSource, String vendor, String description, Optional<String> schema) {
        this.description = description;
        var configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders(vendor));
        schema.ifPresent(s -> configuration.schemas(s).defaultSchema(s));
        this.flyway = configuration.load();
    }

    /** Where a database's schema stands against the scripts this code carries. */
    public enum Standing {
        /** No ctrlstore schema yet. */
        EMPTY,
        /** Some scripts are not applied yet. */
        BEHIND,
        /** Every script is applied. */
        CURRENT
    }

    /**
     * Reads the schema history without changing anything.
     *
     * @throws StorageException when the database holds a schema newer than this code, or a failed migration
     */
    public Standing standing() {
        MigrationInfoService info = info();
        MigrationInfo[] applied = info.applied();
        for (MigrationInfo m : applied) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new StorageException(description + " has schema version " + m.getVersion()
                        + ", newer than the newest this code knows (" + newestKnown(info) + "); open it with the"
                        + " ctrlstore release that wrote it or a later one. Nothing was changed.");
            }
            if (m.getState().isFailed()) {
                throw new StorageException(description + " has a failed migration (version " + m.getVersion()
                        + ", " + m.getDescription() + "); repair the database before opening it. Nothing was changed.");
            }
        }
        if (applied.length == 0) {
            return Standing.EMPTY;
        }
        return info.pending().length > 0 ? Standing.BEHIND : Standing.CURRENT;
    }

    /** Applies every pending script; refuses a database whose schema is newer than this code. */
    public void migrate() {
        standing();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StorageException("migrating " + description + " failed: " + e.getMessage(), e);
        }
    }

    private MigrationInfoService info() {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            throw new StorageException("reading the schema history of " + description + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String newestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion())
                .reduce((a, b) -> b)
                .orElse("none");
    }

    static Map<String, String> placeholders(String vendor) {
        String resource = "db/dialect/" + vendor + ".conf";
        Properties conf = new Properties();
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StorageException("no column types for dialect " + vendor + " (" + resource
                        + " is not on the classpath); is ctrlstore-migrations on it?");
            }
            conf.load(in);
        } catch (IOException e) {
            throw new StorageException("could not read " + resource + ": " + e.getMessage(), e);
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String name : conf.stringPropertyNames()) {
            if (name.startsWith(PLACEHOLDER_PREFIX)) {
                placeholders.put(name.substring(PLACEHOLDER_PREFIX.length()), conf.getProperty(name));
            }
        }
        return placeholders;
    }
}
