package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;
import dev.ctrlstore.store.jooq.tables.records.SecretsRecord;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretCipher;
import dev.ctrlstore.store.secret.SecretDecryptionException;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.secret.SecretValue;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.ctrlstore.store.jooq.Tables.SECRETS;

/**
 * Secrets in the {@code secrets} table, addressed by (tenant_id, instance_id, secret_key). The value is never
 * stored in plaintext: the {@code ciphertext} column holds {@link SecretCipher#encrypt} of it with
 * {@link SecretCipher#associatedData associatedData(tenant, instance, key)}, so a row copied to another tenant,
 * instance or key does not decrypt. Without a cipher, insert, get and update fail with a {@link StorageException}
 * saying how to configure one; list, count and delete never touch a value and work without. {@code secret_key} is
 * binary-collated, so list's ORDER BY is by code point.
 */
final class SqlSecretStore extends SqlSubsystem implements SecretStore {
    // The read by key, prepared once (see Prepared).
    private static final Prepared BY_KEY = Prepared.byKey("secrets.byKey", SECRETS,
            SECRETS.TENANT_ID, SECRETS.INSTANCE_ID, SECRETS.SECRET_KEY);

    private final Optional<SecretCipher> cipher;

    SqlSecretStore(SqlDatabase db, Clock clock, Optional<SecretCipher> cipher) {
        super(db, clock);
        this.cipher = cipher;
    }

    @Override
    public SecretMetadata insert(Secret secret) {
        Checks.notNull(secret, "secret");
        Versions.requireNew(secret.version(), "secret", secret.id().value());
        SecretCipher c = cipher();
        return transact("secrets().insert", tx -> {
            DSLContext ctx = tx.dsl();
            requireInstance(ctx, secret.tenantId(), secret.instanceId());
            // Ids are unique over all tenants (primary key), as in the memory store.
            if (ctx.fetchExists(SECRETS, SECRETS.ID.eq(secret.id()))) {
                throw duplicate(secret, "id");
            }
            if (ctx.fetchExists(SECRETS, SECRETS.TENANT_ID.eq(secret.tenantId()),
                    SECRETS.INSTANCE_ID.eq(secret.instanceId()), SECRETS.SECRET_KEY.eq(secret.key()))) {
                throw duplicate(secret, "key");
            }
            Instant now = now();
            Secret stored = secret.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            tx.insert(toRecord(stored, encrypt(c, stored)));
            return stored.metadata();
        }, field -> duplicate(secret, field));
    }

    @Override
    public Secret get(TenantId tenantId, InstanceId instanceId, String key) {
        checkSlot(tenantId, instanceId, key);
        SecretCipher c = cipher();
        return fetchExisting(BY_KEY, r -> toSecret(r, decrypt(c, r)),
                () -> new NotFoundException(tenantId, ResourceKind.SECRET, key), tenantId, instanceId, key);
    }

    @Override
    public List<SecretMetadata> list(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        // No ciphertext is read: a listing never carries a value.
        return read(ctx -> ctx.select(SECRETS.ID, SECRETS.TENANT_ID, SECRETS.INSTANCE_ID, SECRETS.SECRET_KEY,
                        SECRETS.SECRET_TYPE, SECRETS.CREATED_AT, SECRETS.UPDATED_AT, SECRETS.VERSION)
                .from(SECRETS)
                .where(SECRETS.TENANT_ID.eq(tenantId), SECRETS.INSTANCE_ID.eq(instanceId))
                .orderBy(SECRETS.SECRET_KEY.asc(), SECRETS.ID.asc())
                .fetch(r -> toMetadata(Row.of(r)))
                .stream().toList());
    }

    @Override
    public SecretMetadata update(Secret secret) {
        Checks.notNull(secret, "secret");
        Versions.requireStored(secret.version(), "secret", secret.id().value());
        SecretCipher c = cipher();
        return transact("secrets().update", tx -> {
            DSLContext ctx = tx.dsl();
            SecretMetadata current = toMetadata(Row.of(existing(ctx, secret.tenantId(), secret.instanceId(),
                    secret.key())));
            StoreRules.requireUnchanged(current.id(), secret.id(), "secret.id", secret.tenantId(), ResourceKind.SECRET,
                    secret.key(), "the key was probably deleted and inserted again since it was read, so re-read it");
            if (current.version() != secret.version()) {
                throw conflict(secret, current.version());
            }
            Secret stored = secret.toBuilder().createdAt(current.createdAt()).updatedAt(now())
                    .version(current.version() + 1).build();
            if (!tx.update(toRecord(stored, encrypt(c, stored)), secret.version())) {
                throw conflict(secret, existing(ctx, secret.tenantId(), secret.instanceId(), secret.key())
                        .getVersion());
            }
            return stored.metadata();
        });
    }

    @Override
    public void delete(TenantId tenantId, InstanceId instanceId, String key) {
        checkSlot(tenantId, instanceId, key);
        transact("secrets().delete", tx -> {
            // Addressed by key; deleted by its primary key, which the change hook reports.
            SecretsRecord row = existing(tx.dsl(), tenantId, instanceId, key);
            if (!tx.delete(SECRETS, tenantId, row.getId())) {
                throw new NotFoundException(tenantId, ResourceKind.SECRET, key);
            }
            return null;
        });
    }

    @Override
    public long count(TenantId tenantId) {
        Checks.notNull(tenantId, "tenantId");
        return read(ctx -> (long) ctx.fetchCount(SECRETS, SECRETS.TENANT_ID.eq(tenantId)));
    }

    // --- helpers ---

    /** The memory store's checks of a (tenant, instance, key) address. */
    private static void checkSlot(TenantId tenantId, InstanceId instanceId, String key) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        Checks.lookupText(key, "key", Checks.SHORT_TEXT);
        Lookups.findable(key, () -> new NotFoundException(tenantId, ResourceKind.SECRET, key));
    }

    private SecretCipher cipher() {
        return cipher.orElseThrow(() -> new StorageException("no secret cipher configured for " + db.description()
                + "; build the store with .secretCipher(AesGcmSecretCipher.fromBase64(key))"));
    }

    private static byte[] encrypt(SecretCipher c, Secret secret) {
        byte[] plaintext = secret.value().bytes();
        try {
            return c.encrypt(plaintext, SecretCipher.associatedData(secret.tenantId(), secret.instanceId(),
                    secret.key()));
        } finally {
            Arrays.fill(plaintext, (byte) 0); // our own copy: leave no plaintext behind
        }
    }

    private static byte[] decrypt(SecretCipher c, Row row) {
        TenantId tenantId = row.get(SECRETS.TENANT_ID);
        String key = row.get(SECRETS.SECRET_KEY);
        byte[] aad = SecretCipher.associatedData(tenantId, row.get(SECRETS.INSTANCE_ID), key);
        try {
            return c.decrypt(row.get(SECRETS.CIPHERTEXT), aad);
        } catch (SecretDecryptionException e) {
            throw new SecretDecryptionException(tenantId, key, e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // A third-party cipher that fails otherwise: still only a StoreException may escape.
            throw new SecretDecryptionException(tenantId, key, new SecretDecryptionException(
                    "the cipher failed with " + e.getClass().getSimpleName(), e));
        }
    }

    private static SecretsRecord existing(DSLContext ctx, TenantId tenantId, InstanceId instanceId, String key) {
        return ctx.selectFrom(SECRETS)
                .where(SECRETS.TENANT_ID.eq(tenantId), SECRETS.INSTANCE_ID.eq(instanceId),
                        SECRETS.SECRET_KEY.eq(key))
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException(tenantId, ResourceKind.SECRET, key));
    }

    /** The violated key's API field, {@code id} or {@code key}, with its value. */
    private static AlreadyExistsException duplicate(Secret secret, String field) {
        return "key".equals(field)
                ? new AlreadyExistsException(secret.tenantId(), ResourceKind.SECRET, secret.id().value(), "key",
                        secret.key())
                : new AlreadyExistsException(secret.tenantId(), ResourceKind.SECRET, secret.id().value(), "id",
                        secret.id().value());
    }

    /** A secret's conflict names its key, as its NotFound does. */
    private static ConflictException conflict(Secret secret, long actual) {
        return new ConflictException(secret.tenantId(), ResourceKind.SECRET, secret.key(), secret.version(), actual);
    }

    private static SecretsRecord toRecord(Secret s, byte[] ciphertext) {
        SecretsRecord r = new SecretsRecord();
        r.setId(s.id());
        r.setTenantId(s.tenantId());
        r.setInstanceId(s.instanceId());
        r.setSecretKey(s.key());
        r.setSecretType(s.type());
        r.setCiphertext(ciphertext);
        r.setCreatedAt(s.createdAt());
        r.setUpdatedAt(s.updatedAt());
        r.setVersion(s.version());
        return r;
    }

    private static SecretMetadata toMetadata(Row r) {
        return new SecretMetadata(r.get(SECRETS.ID), r.get(SECRETS.TENANT_ID), r.get(SECRETS.INSTANCE_ID),
                r.get(SECRETS.SECRET_KEY), r.get(SECRETS.SECRET_TYPE), r.get(SECRETS.CREATED_AT),
                r.get(SECRETS.UPDATED_AT), r.get(SECRETS.VERSION));
    }

    private static Secret toSecret(Row r, byte[] plaintext) {
        try {
            return Secret.builder()
                    .id(r.get(SECRETS.ID))
                    .tenantId(r.get(SECRETS.TENANT_ID))
                    .instanceId(r.get(SECRETS.INSTANCE_ID))
                    .key(r.get(SECRETS.SECRET_KEY))
                    .type(r.get(SECRETS.SECRET_TYPE))
                    .value(SecretValue.of(plaintext))
                    .createdAt(r.get(SECRETS.CREATED_AT))
                    .updatedAt(r.get(SECRETS.UPDATED_AT))
                    .version(r.get(SECRETS.VERSION))
                    .build();
        } finally {
            Arrays.fill(plaintext, (byte) 0); // SecretValue.of copied it
        }
    }
}
