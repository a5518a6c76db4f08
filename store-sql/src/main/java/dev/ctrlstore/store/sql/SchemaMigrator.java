package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Applies ctrlstore's Flyway scripts and tells how a database's schema compares with them.
 *
 * <p>The scripts live under {@code classpath:dev/ctrlstore/migrations/}: {@code common/} for every dialect, plus
 * {@code sqlite/} or {@code postgresql/} for one dialect only (versions are one sequence across them), with the
 * dialect's column types from {@code dialect/<name>.conf}, the file {@code flyway:migrate} reads too. The history is
 * the store's own table, {@value #HISTORY_TABLE}, so an application's own Flyway (its {@code db/migration} and
 * {@code flyway_schema_history}) can share the database: neither sees the other's scripts.
 *
 * <p>Reading the standing needs no Flyway (a database that is up to date, or opened read-only, logs nothing);
 * Flyway runs only when something is to be applied.
 */
public final class SchemaMigrator {
    /** The store's Flyway history table. */
    public static final String HISTORY_TABLE = "ctrlstore_schema_history";
    /** The dialects there are scripts for. */
    public static final List<String> DIALECTS = List.of("sqlite", "postgresql");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String ROOT = "dev/ctrlstore/migrations/";
    private static final String PLACEHOLDER_PREFIX = "flyway.placeholders.";
    /** Where the history was before the scripts moved here: Flyway's default table, V1 from {@code db/migration}. */
    private static final String LEGACY_TABLE = "flyway_schema_history";
    private static final String LEGACY_SCRIPT = "V1__schema.sql";
    private static final int LEGACY_CHECKSUM = -885600601;
    private static final Settings SETTINGS = new Settings().withExecuteLogging(false);

    static {
        QuietJooq.init();
    }

    private final DataSource dataSource;
    private final String vendor;
    private final String description;
    private final Optional<String> schema;
    private final List<Version> known;

    /**
     * @param vendor {@code sqlite} or {@code postgresql}
     * @param description names the database in messages
     */
    public SchemaMigrator(DataSource dataSource, String vendor, String description) {
        this(dataSource, vendor, description, Optional.empty());
    }

    /**
     * @param schema the database schema to hold the tables (created if missing); empty for the connection's default
     * @throws IllegalArgumentException for a vendor that is not one of {@link #DIALECTS}
     */
    public SchemaMigrator(DataSource dataSource, String vendor, String description, Optional<String> schema) {
        if (!DIALECTS.contains(vendor)) {
            throw new IllegalArgumentException("unknown ctrlstore dialect \"" + vendor + "\"; use one of: "
                    + String.join(", ", DIALECTS));
        }
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.description = description;
        this.schema = schema;
        this.known = knownVersions(vendor);
    }

    /**
     * The newest migration version this code carries for {@code vendor}: the schema version a ledger entry's row
     * images are written under.
     */
    public static int newestVersion(String vendor) {
        Version newest = knownVersions(vendor).getLast();
        if (newest.parts().size() != 1) {
            throw new IllegalStateException("the newest ctrlstore migration is version " + newest + "; ledger"
                    + " entries number schema versions as whole numbers");
        }
        return newest.parts().get(0).intValueExact();
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
        try (Connection c = dataSource.getConnection()) {
            DSLContext dsl = DSL.using(c, dialect(), SETTINGS);
            if (!tableExists(c, HISTORY_TABLE)) {
                return legacy(c, dsl) ? Standing.BEHIND : Standing.EMPTY;
            }
            return standing(dsl);
        } catch (SQLException | DataAccessException e) {
            throw new StorageException("reading the schema history of " + description + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Standing standing(DSLContext dsl) {
        Field<String> version = DSL.field(DSL.name("version"), String.class);
        Field<String> type = DSL.field(DSL.name("type"), String.class);
        Field<String> what = DSL.field(DSL.name("description"), String.class);
        Field<Boolean> success = DSL.field(DSL.name("success"), Boolean.class);
        Version baseline = null;
        TreeSet<Version> applied = new TreeSet<>();
        for (Record row : dsl.select(version, type, what, success).from(DSL.table(qualified(HISTORY_TABLE)))
                .where(version.isNotNull()).fetch()) {
            Version v = Version.parse(row.get(version));
            if (!Boolean.TRUE.equals(row.get(success))) {
                throw new StorageException(description + " has a failed migration (version " + v + ", "
                        + row.get(what) + "); repair the database before opening it. Nothing was changed.");
            }
            switch (row.get(type)) {
                case "BASELINE" -> baseline = v;
                case "SCHEMA" -> { } // Flyway's note that it created the schema
                default -> {
                    if (!known.contains(v)) {
                        throw new StorageException(description + " has schema version " + v + ", "
                                + (v.compareTo(known.getLast()) > 0 ? "newer than the newest this code knows ("
                                + known.getLast() + ")" : "which this code does not know") + "; open it with the"
                                + " ctrlstore release that wrote it or a later one. Nothing was changed.");
                    }
                    applied.add(v);
                }
            }
        }
        if (applied.isEmpty() && baseline == null) {
            return Standing.EMPTY;
        }
        for (Version v : known) {
            if (!applied.contains(v) && (baseline == null || v.compareTo(baseline) > 0)) {
                return Standing.BEHIND;
            }
        }
        return Standing.CURRENT;
    }

    /**
     * Applies every pending script; refuses a database whose schema is newer than this code.
     *
     * @return how many scripts were applied (0 when the schema was current)
     */
    public int migrate() {
        Standing before = standing();
        boolean legacy = false;
        int applied = 0;
        if (before != Standing.CURRENT) {
            try (Connection c = dataSource.getConnection()) {
                legacy = !tableExists(c, HISTORY_TABLE) && legacy(c, DSL.using(c, dialect(), SETTINGS));
            } catch (SQLException | DataAccessException e) {
                throw new StorageException("reading the schema history of " + description + " failed: "
                        + e.getMessage(), e);
            }
            MigrateResult result;
            try {
                result = flyway(legacy ? "1" : "0").migrate();
            } catch (FlywayException e) {
                throw new StorageException("migrating " + description + " failed: " + e.getMessage(), e);
            }
            applied = result.migrationsExecuted;
            if (result.migrationsExecuted > 0 || legacy) {
                LOG.info("{}: applied {} ctrlstore schema migration(s){}, now at version {}", description,
                        result.migrationsExecuted, legacy ? " after adopting the history of version 1 from "
                                + LEGACY_TABLE : "", result.targetSchemaVersion);
            }
        } else {
            LOG.debug("{}: ctrlstore schema is current (version {}); nothing to migrate", description,
                    known.getLast());
        }
        dropLegacyHistory();
        return applied;
    }

    /**
     * A database migrated before the scripts moved: version 1 from {@code db/migration}, recorded in Flyway's
     * default table. Recognised by that script's name and checksum, so an application's own V1 is never taken
     * for it.
     */
    private boolean legacy(Connection c, DSLContext dsl) throws SQLException {
        return tableExists(c, LEGACY_TABLE) && legacyRows(dsl) > 0;
    }

    private int legacyRows(DSLContext dsl) {
        return dsl.fetchCount(DSL.selectOne().from(DSL.table(qualified(LEGACY_TABLE)))
                .where(DSL.field(DSL.name("version"), String.class).eq("1"))
                .and(DSL.field(DSL.name("script"), String.class).eq(LEGACY_SCRIPT))
                .and(DSL.field(DSL.name("checksum"), Integer.class).eq(LEGACY_CHECKSUM)));
    }

    /**
     * Once the store's own history holds the schema, the old table goes if it holds nothing but the store's old
     * row: left behind, it would make an application's Flyway believe its own V1 ran. If it holds anything else,
     * it belongs to an application too, and stays.
     */
    private void dropLegacyHistory() {
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c, LEGACY_TABLE)) {
                return;
            }
            DSLContext dsl = DSL.using(c, dialect(), SETTINGS);
            int ours = legacyRows(dsl);
            if (ours == 0) {
                return;
            }
            // Flyway's note that it created the schema is no one's migration.
            int all = dsl.fetchCount(DSL.selectOne().from(DSL.table(qualified(LEGACY_TABLE)))
                    .where(DSL.field(DSL.name("type"), String.class).ne("SCHEMA")));
            if (ours == all) {
                dsl.dropTable(DSL.table(qualified(LEGACY_TABLE))).execute();
                LOG.info("{}: dropped {}, which held only ctrlstore's own history (now in {})", description,
                        LEGACY_TABLE, HISTORY_TABLE);
            } else {
                LOG.warn("{}: {} holds ctrlstore's old version 1 row ({}) beside other rows; ctrlstore no longer"
                        + " reads it (its history is in {}). Delete that row if an application's Flyway uses the"
                        + " table.", description, LEGACY_TABLE, LEGACY_SCRIPT, HISTORY_TABLE);
            }
        } catch (SQLException | DataAccessException e) {
            throw new StorageException("removing the old schema history of " + description + " failed: "
                    + e.getMessage(), e);
        }
    }

    private Flyway flyway(String baselineVersion) {
        var configuration = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + ROOT + "common", "classpath:" + ROOT + vendor)
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                // A schema that already holds an application's tables (or the old layout's) is not a foreign one.
                .baselineOnMigrate(true)
                .baselineVersion(baselineVersion)
                .placeholders(placeholders(vendor));
        schema.ifPresent(s -> configuration.schemas(s).defaultSchema(s));
        return configuration.load();
    }

    private boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, schema.orElse(null), table, null)) {
            while (rs.next()) {
                if (!rs.getString("TABLE_NAME").equals(table)) {
                    continue; // the name is a LIKE pattern, and '_' matches any character
                }
                // Without a schema, PostgreSQL lists the table of every schema; the search path's first one counts.
                if (schema.isPresent() || vendor.equals("sqlite")
                        || rs.getString("TABLE_SCHEM").equals(c.getSchema())) {
                    return true;
                }
            }
            return false;
        }
    }

    private Name qualified(String table) {
        return schema.map(s -> DSL.name(s, table)).orElseGet(() -> DSL.name(table));
    }

    private SQLDialect dialect() {
        return vendor.equals("sqlite") ? SQLDialect.SQLITE : SQLDialect.POSTGRES;
    }

    /** The versions of the scripts for this dialect, in order, from the list the migrations jar carries. */
    private static List<Version> knownVersions(String vendor) {
        String resource = ROOT + "scripts.list";
        List<Version> versions = new ArrayList<>();
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StorageException("the ctrlstore migrations are not on the classpath (" + resource
                        + " is missing); add the ctrlstore-migrations jar of the same version");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] dirAndFile = line.strip().split("/");
                if (dirAndFile.length == 2 && (dirAndFile[0].equals("common") || dirAndFile[0].equals(vendor))) {
                    String file = dirAndFile[1];
                    versions.add(Version.parse(file.substring(1, file.indexOf("__")).replace('_', '.')));
                }
            }
        } catch (IOException e) {
            throw new StorageException("could not read " + resource + ": " + e.getMessage(), e);
        }
        versions.sort(null);
        return List.copyOf(versions);
    }

    static Map<String, String> placeholders(String vendor) {
        String resource = ROOT + "dialect/" + vendor + ".conf";
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

    /** A Flyway version ("1", "2.1"), compared part by part as numbers. */
    private record Version(List<BigInteger> parts) implements Comparable<Version> {
        static Version parse(String text) {
            List<BigInteger> parts = new ArrayList<>(Arrays.stream(text.split("\\.")).map(BigInteger::new).toList());
            while (parts.size() > 1 && parts.getLast().signum() == 0) {
                parts.removeLast();
            }
            return new Version(List.copyOf(parts));
        }

        @Override
        public int compareTo(Version other) {
            for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
                BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
                BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
                if (a.compareTo(b) != 0) {
                    return a.compareTo(b);
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            return String.join(".", parts.stream().map(BigInteger::toString).toList());
        }
    }
}
