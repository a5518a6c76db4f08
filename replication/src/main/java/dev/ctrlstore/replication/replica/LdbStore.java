package dev.ctrlstore.replication.replica;

import dev.ctrlstore.replication.ldb.Ldb;
import dev.ctrlstore.replication.ldb.LdbFollower;
import dev.ctrlstore.replication.ldb.LdbPositions;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.sqlite.SqliteConfig;
import dev.ctrlstore.store.sqlite.SqliteStore;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A read-only {@link Store} over an LDB: the local SQLite replica a reflector keeps in step with the center's ledger.
 * Reads of the replicated data (instances, deployments and releases, health checks, domains, routes, certificates,
 * tenants) answer from the file, at local-disk speed and while the center is down. Every write throws
 * {@link dev.ctrlstore.store.ReadOnlyStoreException}: write to the center and the reflector brings the change here.
 * Reads of data the LDB never holds throw {@link dev.ctrlstore.store.NotReplicatedException}: secrets (they never
 * leave the center, since every process on a host can read its LDB) and history (health results, telemetry, the
 * audit log: high-volume, kept at the center).
 *
 * <pre>{@code
 * try (LdbStore replica = LdbStore.builder().path(Path.of("/var/lib/ctrlstore/ldb.db")).build()) {
 *     long seq = center.ledgerPosition();          // after a write at the center
 *     replica.awaitPosition(seq, Duration.ofSeconds(2));
 *     Instance i = replica.instances().get(tenant, id);
 * }
 * }</pre>
 *
 * <p>Each read is one short statement or transaction, so a reader never pins the LDB's WAL between calls. The store
 * needs neither the PostgreSQL driver nor a connection pool. Thread-safe.
 */
public final class LdbStore implements Store, LdbFollower {
    private final SqliteStore local;
    private final LdbPositions positions;
    private final Path path;
    private final String description;
    private final HealthStore health;
    private final TelemetryStore telemetry;
    private final SecretStore secrets;
    private final AdminStore admin;
    private volatile boolean closed;

    private LdbStore(SqliteStore local, LdbPositions positions, Path path) {
        this.local = local;
        this.positions = positions;
        this.path = path;
        this.description = "LDB " + path;
        Refusals refusals = new Refusals(this);
        this.health = new ReplicaHealthStore(local.health(), refusals);
        this.telemetry = new ReplicaTelemetryStore(local.telemetry(), refusals);
        this.secrets = new ReplicaSecretStore(refusals);
        this.admin = new ReplicaAdminStore(local.admin(), refusals);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The LDB file, as a real path. */
    public Path path() {
        return path;
    }

    /** {@inheritDoc} */
    @Override
    public LdbPositions ledgerPositions() {
        checkOpen();
        return positions;
    }

    /** Read from the LDB; writes throw {@link dev.ctrlstore.store.ReadOnlyStoreException}. */
    @Override
    public InstanceStore instances() {
        return local.instances();
    }

    /** Deployments and releases, read from the LDB; writes throw. */
    @Override
    public DeploymentStore deployments() {
        return local.deployments();
    }

    /** Checks are read from the LDB; results are history and refused with a NotReplicatedException. */
    @Override
    public HealthStore health() {
        return health;
    }

    /** Not replicated: every read throws {@link dev.ctrlstore.store.NotReplicatedException}. */
    @Override
    public TelemetryStore telemetry() {
        return telemetry;
    }

    /** Domains, routes and certificates, read from the LDB; writes throw. */
    @Override
    public NetworkStore network() {
        return local.network();
    }

    /** Never replicated: every read throws {@link dev.ctrlstore.store.NotReplicatedException}. */
    @Override
    public SecretStore secrets() {
        return secrets;
    }

    /** Tenants are read from the LDB; the audit log is history and refused. */
    @Override
    public AdminStore admin() {
        return admin;
    }

    /**
     * Refused: the reflector migrates the LDB when the center's migration reaches it through the ledger.
     *
     * @throws dev.ctrlstore.store.ReadOnlyStoreException always (or StoreClosedException after close)
     */
    @Override
    public void migrate() {
        local.migrate();
    }

    @Override
    public void ping() {
        local.ping();
    }

    @Override
    public void close() {
        closed = true;
        try {
            local.close();
        } finally {
            positions.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    void checkOpen() {
        if (closed) {
            throw new StoreClosedException(description);
        }
    }

    /** Settings for an {@link LdbStore}; only {@link #path(Path)} is required. Not thread-safe. */
    public static final class Builder {
        private Path path;
        private int readerPoolSize = SqliteConfig.DEFAULT_READER_POOL_SIZE;
        private Duration busyTimeout = SqliteConfig.DEFAULT_BUSY_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The LDB file (made by {@code Ldb.create} and kept up to date by a reflector). Required. */
        public Builder path(Path path) {
            this.path = Checks.notNull(path, "path");
            return this;
        }

        /** Reader connections, 1 to 64. Default: {@value SqliteConfig#DEFAULT_READER_POOL_SIZE}. */
        public Builder readerPoolSize(int readerPoolSize) {
            this.readerPoolSize = readerPoolSize;
            return this;
        }

        /** How long a read waits for the reflector's lock in the rare cases a reader needs one. Default: 5 s. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = Checks.notNull(busyTimeout, "busyTimeout");
            return this;
        }

        /** The clock {@link #ledgerLatency()} measures against. Default: the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Validates the settings and opens the file read-only; nothing in it is changed.
         *
         * @throws InvalidArgumentException for a missing path or a setting out of range
         * @throws dev.ctrlstore.store.StorageException when the file does not exist, is not an LDB (a SQLite file
         *     without the LDB's secrets guard, such as a store's own file), its schema is older or newer than this
         *     code, or its position row is damaged
         */
        public LdbStore build() {
            Checks.notNull(path, "path");
            Ldb.inspect(path);
            SqliteStore local = SqliteStore.builder().path(path).readOnly(true).readerPoolSize(readerPoolSize)
                    .busyTimeout(busyTimeout).clock(clock).build();
            try {
                Path real = realPath(local.config().path());
                return new LdbStore(local, new LdbPositions(real, busyTimeout, clock), real);
            } catch (RuntimeException e) {
                local.close();
                throw e;
            }
        }

        private static Path realPath(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                // The file was there a moment ago (the store opened it): a symlink loop or a race with a delete.
                throw new dev.ctrlstore.store.StorageException("LDB " + path + ": cannot resolve its real path ("
                        + e.getMessage() + ")", e);
            }
        }
    }
}
