package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.NotReplicatedException;
import dev.ctrlstore.store.ReadOnlyStoreException;
import dev.ctrlstore.store.ResourceKind;

/** The calls an LDB refuses, each after the closed check every store method makes first. */
final class Refusals {
    private static final String HISTORY = "history is high-volume and stays at the center";

    private final LdbStore store;

    Refusals(LdbStore store) {
        this.store = store;
    }

    /** A write the read-only file would refuse only after steps it cannot take (a secret's encryption). */
    ReadOnlyStoreException write(String operation) {
        store.checkOpen();
        return new ReadOnlyStoreException(store.toString(), operation);
    }

    NotReplicatedException secrets(String operation) {
        store.checkOpen();
        return new NotReplicatedException(store.toString(), operation, ResourceKind.SECRET, "secrets",
                "secrets never leave the center: every process on a host can read its LDB");
    }

    NotReplicatedException healthResults(String operation) {
        return history(operation, ResourceKind.HEALTH_RESULT, "health results");
    }

    NotReplicatedException telemetry(String operation, ResourceKind resource) {
        return history(operation, resource, "telemetry");
    }

    NotReplicatedException auditLog(String operation) {
        return history(operation, ResourceKind.AUDIT_ENTRY, "audit log entries");
    }

    private NotReplicatedException history(String operation, ResourceKind resource, String what) {
        store.checkOpen();
        return new NotReplicatedException(store.toString(), operation, resource, what, HISTORY);
    }
}
