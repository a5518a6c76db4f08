package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.Store;
import dev.ctrlstore.store.admin.AdminStore;
import dev.ctrlstore.store.deploy.DeploymentStore;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.instance.InstanceStore;
import dev.ctrlstore.store.network.NetworkStore;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.sql.control.ControlSettings;
import dev.ctrlstore.store.sql.control.SqlControlStore;
import dev.ctrlstore.store.sql.ledger.Ledger;
import dev.ctrlstore.store.sql.ledger.LedgerEntry;
import dev.ctrlstore.store.sql.ledger.LedgerHead;
import dev.ctrlstore.store.sql.ledger.LedgerQueries;
import dev.ctrlstore.store.telemetry.TelemetryStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The seven subsystem stores written once in jOOQ over the generated classes, on whatever {@link SqlDatabase} a
 * backend supplies. Backends ({@code SqliteStore}, {@code PostgresStore}) extend it and add only their settings.
 */
public abstract class SqlStore implements Store {
    static {
        QuietJooq.init();
    }

    private final SqlDatabase db;
    private final Clock clock;
    private final InstanceStore instances;
    private final DeploymentStore deployments;
    private final HealthStore health;
    private final TelemetryStore telemetry;
    private final NetworkStore network;
    private final SecretStore secrets;
    private final AdminStore admin;
    private final Ledger ledger;

    /**
     * @param cipher encrypts secret values at rest; without one, secret reads and writes fail with a message
     *               saying how to configure it
     */
    protected SqlStore(SqlDatabase db, Clock clock, Optional<SecretCipher> cipher) {
        this.db = db;
        this.clock = clock;
        this.instances = new SqlInstanceStore(db, clock);
        this.deployments = new SqlDeploymentStore(db, clock);
        this.health = new SqlHealthStore(db, clock);
        this.telemetry = new SqlTelemetryStore(db, clock);
        this.network = new SqlNetworkStore(db, clock);
        this.secrets = new SqlSecretStore(db, clock, cipher);
        this.admin = new SqlAdminStore(db, clock);
        this.ledger = new Ledger() {
            @Override
            public LedgerHead head() {
                return db.read(dsl -> dsl.connectionResult(LedgerQueries::head));
            }

            @Override
            public List<LedgerEntry> read(long afterSeq, int max) {
                return db.read(dsl -> dsl.connectionResult(c -> LedgerQueries.read(c, afterSeq, max)));
            }
        };
    }

    /**
     * This database's ledger, as the center sees it: its head and its entries (empty while the store was built
     * without a ledger mode). Each call is one read transaction.
     */
    public final Ledger ledger() {
        return ledger;
    }

    /**
     * The ledger seq that covers every replicated write this thread has committed through this store, for
     * read-your-writes at a replica ({@code awaitPosition}); 0 when it has committed none or the ledger is off.
     * Reads nothing from the database: cheap enough to call after every write.
     */
    public final long ledgerPosition() {
        return db.ledgerPosition();
    }

    /**
     * This database's control tables (the center's {@link dev.ctrlstore.store.control.ControlStore}) with
     * {@code settings}. Each call makes a new one with its own caches (verified secrets, table sizes): make one per
     * write service and keep it.
     */
    public final SqlControlStore control(ControlSettings settings) {
        return new SqlControlStore(db, clock, settings);
    }

    @Override
    public final InstanceStore instances() {
        return instances;
    }

    @Override
    public final DeploymentStore deployments() {
        return deployments;
    }

    @Override
    public final HealthStore health() {
        return health;
    }

    @Override
    public final TelemetryStore telemetry() {
        return telemetry;
    }

    @Override
    public final NetworkStore network() {
        return network;
    }

    @Override
    public final SecretStore secrets() {
        return secrets;
    }

    @Override
    public final AdminStore admin() {
        return admin;
    }

    @Override
    public final void migrate() {
        db.migrate();
    }

    @Override
    public final void ping() {
        db.ping();
    }

    @Override
    public final void close() {
        db.close();
    }

    @Override
    public final String toString() {
        return db.description();
    }
}
