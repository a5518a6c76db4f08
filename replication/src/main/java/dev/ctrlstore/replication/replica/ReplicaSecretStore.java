package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretStore;

import java.util.List;

/** No secret reaches an LDB, not even its metadata: every read and every write is refused. */
final class ReplicaSecretStore implements SecretStore {
    private final Refusals refuse;

    ReplicaSecretStore(Refusals refuse) {
        this.refuse = refuse;
    }

    @Override
    public SecretMetadata insert(Secret secret) {
        throw refuse.write("secrets().insert");
    }

    @Override
    public Secret get(TenantId tenantId, InstanceId instanceId, String key) {
        throw refuse.secrets("secrets().get");
    }

    @Override
    public List<SecretMetadata> list(TenantId tenantId, InstanceId instanceId) {
        throw refuse.secrets("secrets().list");
    }

    @Override
    public SecretMetadata update(Secret secret) {
        throw refuse.write("secrets().update");
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId, String key) {
        throw refuse.write("secrets().delete");
    }

    @Override
    public long count(TenantId tenantId) {
        throw refuse.secrets("secrets().count");
    }
}
