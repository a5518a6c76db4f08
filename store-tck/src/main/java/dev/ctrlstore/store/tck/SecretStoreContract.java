package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.StoreException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.SecretId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.Instance;
import dev.ctrlstore.store.secret.Secret;
import dev.ctrlstore.store.secret.SecretMetadata;
import dev.ctrlstore.store.secret.SecretStore;
import dev.ctrlstore.store.secret.SecretValue;
import dev.ctrlstore.store.spec.SecretType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rules S-n of the secrets subsystem ({@code tck-rules/secrets.md}): secrets are addressed by (tenant, instance,
 * key), keep their value byte for byte, and the value leaves the store only through {@code get}.
 *
 * <p>If these fail, check the (tenant, instance, key) lookup, that writes and listings return
 * {@link SecretMetadata} and never the value, the optimistic version check, the instance-delete cascade, and (for
 * persistent backends) that values are decrypted with the key and associated data they were encrypted with.
 */
public abstract class SecretStoreContract extends ContractSupport {
    private static final String PLAINTEXT = "hunter2-" + "s3cr3t-plaintext-marker";

    private SecretStore secrets() {
        return store.secrets();
    }

    private Secret.Builder newSecret(Instance instance, String key) {
        return Secret.builder().tenantId(instance.tenantId()).instanceId(instance.id()).key(key)
                .value(SecretValue.ofUtf8(PLAINTEXT));
    }

    private Secret expectedStored(Secret secret, Instant createdAt, Instant updatedAt, long version) {
        return secret.toBuilder().createdAt(createdAt).updatedAt(updatedAt).version(version).build();
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    // --- insert and get -------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-1 insert stores every field and returns the metadata; get returns the secret with its value")
    void insertAndGetRoundTrip() {
        Instance instance = insertInstance(tenant);
        Secret secret = newSecret(instance, "DATABASE_URL").type(SecretType.FILE)
                .value(SecretValue.ofUtf8(UNICODE)).build();

        SecretMetadata inserted = secrets().insert(secret);

        Secret expected = expectedStored(secret, TestClock.START, TestClock.START, 1);
        assertThat(inserted)
                .as("[S-1] inserted (secrets().insert(secret)) must equal "
                        + "expected.metadata()").isEqualTo(expected.metadata());
        Secret read = secrets().get(tenant, instance.id(), "DATABASE_URL");
        assertThat(read)
                .as("[S-1] read (secrets().get(tenant, instance.id(), \"DATABASE_URL\")) must equal "
                        + "expected").isEqualTo(expected);
        assertThat(read.value().utf8())
                .as("[S-1] read.value().utf8() from secrets().get(tenant, instance.id(), \"DATABASE_URL\") must equal "
                        + "UNICODE").isEqualTo(UNICODE);
        assertThat(secrets().count(tenant)).as("[S-1] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-2a a value is kept byte for byte: zero bytes, every byte value and invalid UTF-8 round trip")
    void binaryValueRoundTrip() {
        Instance instance = insertInstance(tenant);
        byte[] binary = allByteValues();
        byte[] zeros = new byte[64];
        byte[] invalidUtf8 = {(byte) 0xc3, 0x28, (byte) 0xa0, (byte) 0xa1, (byte) 0xff, 0, (byte) 0xed, (byte) 0xa0,
                (byte) 0x80};
        secrets().insert(newSecret(instance, "BINARY").value(SecretValue.of(binary)).build());
        secrets().insert(newSecret(instance, "ZEROS").value(SecretValue.of(zeros)).build());
        secrets().insert(newSecret(instance, "NOT_UTF8").value(SecretValue.of(invalidUtf8)).build());

        assertThat(secrets().get(tenant, instance.id(), "BINARY").value().bytes())
                .as("[S-2a] secrets().get(tenant, instance.id(), \"BINARY\").value().bytes() must equal "
                        + "binary").isEqualTo(binary);
        assertThat(secrets().get(tenant, instance.id(), "ZEROS").value().bytes())
                .as("[S-2a] secrets().get(tenant, instance.id(), \"ZEROS\").value().bytes() must equal "
                        + "zeros").isEqualTo(zeros);
        assertThat(secrets().get(tenant, instance.id(), "NOT_UTF8").value().bytes())
                .as("[S-2a] secrets().get(tenant, instance.id(), \"NOT_UTF8\").value().bytes() must equal "
                        + "invalidUtf8").isEqualTo(invalidUtf8);
    }

    @Test
    @DisplayName("S-2b an empty value and a value of the 65,536-byte maximum round trip; one byte more is rejected")
    void emptyAndMaximalValues() {
        Instance instance = insertInstance(tenant);
        byte[] max = new byte[SecretValue.MAX_BYTES];
        for (int i = 0; i < max.length; i++) {
            max[i] = (byte) (i * 31 + 7);
        }
        secrets().insert(newSecret(instance, "EMPTY").value(SecretValue.of(new byte[0])).build());
        secrets().insert(newSecret(instance, "MAX").value(SecretValue.of(max)).build());

        assertThat(secrets().get(tenant, instance.id(), "EMPTY").value().length())
                .as("[S-2b] secrets().get(tenant, instance.id(), \"EMPTY\").value().length() must be 0").isZero();
        assertThat(secrets().get(tenant, instance.id(), "MAX").value().bytes())
                .as("[S-2b] secrets().get(tenant, instance.id(), \"MAX\").value().bytes() must equal "
                        + "max").isEqualTo(max);
        assertInvalidArgument("[S-2b] secrets().insert(newSecret(instance, "
                        + "\"TOO_BIG\").value(SecretValue.of(…)).build()) must throw InvalidArgumentException naming "
                        + "secret.value",
                () -> secrets().insert(newSecret(instance, "TOO_BIG")
                .value(SecretValue.of(new byte[SecretValue.MAX_BYTES + 1])).build()), "secret.value");
        assertThat(secrets().count(tenant)).as("[S-2b] secrets().count(tenant) must equal 2").isEqualTo(2);
    }

    @Test
    @DisplayName("S-3 the type defaults to env and every type round trips")
    void typesRoundTrip() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "DEFAULT").build());
        for (SecretType type : SecretType.values()) {
            secrets().insert(newSecret(instance, "T_" + type.wire()).type(type).build());
        }

        assertThat(secrets().get(tenant, instance.id(), "DEFAULT").type())
                .as("[S-3] secrets().get(tenant, instance.id(), \"DEFAULT\").type() must equal "
                        + "SecretType.ENV").isEqualTo(SecretType.ENV);
        for (SecretType type : SecretType.values()) {
            assertThat(secrets().get(tenant, instance.id(), "T_" + type.wire()).type())
                    .as("[S-3] secrets().get(tenant, instance.id(), \"T_\" + type.wire()).type() must equal "
                            + "type").isEqualTo(type);
        }
        assertThat(secrets().list(tenant, instance.id()))
                .as("[S-3] secrets().list(tenant, instance.id()) mapped by SecretMetadata::type must contain exactly "
                        + "…").extracting(SecretMetadata::type)
                .containsExactly(SecretType.ENV, SecretType.ENV, SecretType.FILE, SecretType.REGISTRY,
                        SecretType.TLS);
    }

    // --- the value does not leak ----------------------------------------------------------------------------------

    @Test
    @DisplayName("S-4a listings and write results are metadata: no component and no toString carries the value")
    void listingCarriesNoValue() throws Exception {
        Instance instance = insertInstance(tenant);
        SecretMetadata inserted = secrets().insert(newSecret(instance, "API_TOKEN").build());
        Secret read = secrets().get(tenant, instance.id(), "API_TOKEN");
        SecretMetadata updated = secrets().update(read.toBuilder().value(SecretValue.ofUtf8(PLAINTEXT + "2")).build());
        List<SecretMetadata> listed = secrets().list(tenant, instance.id());

        assertThat(listed).as("[S-4a] listed (secrets().list(tenant, instance.id())) must have size 1").hasSize(1);
        assertThat(listed.toString())
                .as("[S-4a] listed.toString() from secrets().list(tenant, instance.id()) must not contain "
                        + "PLAINTEXT").doesNotContain(PLAINTEXT);
        for (SecretMetadata m : List.of(inserted, updated, listed.get(0))) {
            assertThat(m.toString())
                    .as("[S-4a] m.toString() must not contain PLAINTEXT and not contain \"hunter2\"")
                    .doesNotContain(PLAINTEXT).doesNotContain("hunter2");
            for (RecordComponent c : SecretMetadata.class.getRecordComponents()) {
                Object v = c.getAccessor().invoke(m);
                assertThat(v).as("[S-4a] v must not be a SecretValue and not be a byte[]: component "
                                + "%s", c.getName()).isNotInstanceOf(SecretValue.class)
                        .isNotInstanceOf(byte[].class);
                assertThat(String.valueOf(v)).as("[S-4a] String.valueOf(v) must not contain PLAINTEXT: component "
                                + "%s", c.getName()).doesNotContain(PLAINTEXT);
            }
        }
    }

    @Test
    @DisplayName("S-4b a secret's toString and the store's error messages never show the value")
    void valueNeverInMessages() {
        Instance instance = insertInstance(tenant);
        Secret secret = newSecret(instance, "API_TOKEN").build();
        secrets().insert(secret);
        Secret read = secrets().get(tenant, instance.id(), "API_TOKEN");
        assertThat(read.toString())
                .as("[S-4b] read.toString() from secrets().get(tenant, instance.id(), \"API_TOKEN\") must contain "
                        + "\"API_TOKEN\" and not contain PLAINTEXT and not contain \"hunter2\"")
                .contains("API_TOKEN").doesNotContain(PLAINTEXT).doesNotContain("hunter2");

        List<StoreException> errors = new ArrayList<>();
        errors.add(catchThrowableOfType(StoreException.class, () -> secrets().insert(
                newSecret(instance, "API_TOKEN").build())));
        errors.add(catchThrowableOfType(StoreException.class, () -> secrets().update(
                read.toBuilder().version(7).build())));
        errors.add(catchThrowableOfType(StoreException.class, () -> secrets().update(
                read.toBuilder().id(SecretId.generate()).build())));
        errors.add(catchThrowableOfType(StoreException.class, () -> secrets().update(
                newSecret(instance, "MISSING").createdAt(TestClock.START).updatedAt(TestClock.START).version(1)
                        .build())));
        for (StoreException e : errors) {
            assertThat(e).as("[S-4b] e must not be null").isNotNull();
            assertThat(e.getMessage())
                    .as("[S-4b] e.getMessage() must not contain PLAINTEXT and not contain \"hunter2\"")
                    .doesNotContain(PLAINTEXT).doesNotContain("hunter2");
        }
    }

    // --- copies ---------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-5a changing the array a value was made from, after insert or update, does not change what is stored")
    void inputArraysAreCopied() {
        Instance instance = insertInstance(tenant);
        byte[] input = {1, 2, 3, 4};
        secrets().insert(newSecret(instance, "K").value(SecretValue.of(input)).build());
        input[0] = 9;
        assertThat(secrets().get(tenant, instance.id(), "K").value().bytes())
                .as("[S-5a] secrets().get(tenant, instance.id(), \"K\").value().bytes() must contain exactly 1, 2, 3, "
                        + "4").containsExactly(1, 2, 3, 4);

        byte[] next = {5, 6, 7};
        secrets().update(secrets().get(tenant, instance.id(), "K").toBuilder().value(SecretValue.of(next)).build());
        Arrays.fill(next, (byte) 0);
        assertThat(secrets().get(tenant, instance.id(), "K").value().bytes())
                .as("[S-5a] secrets().get(tenant, instance.id(), \"K\").value().bytes() must contain exactly 5, 6, "
                        + "7").containsExactly(5, 6, 7);
    }

    @Test
    @DisplayName("S-5b changing the array a read value hands out does not change what is stored")
    void outputArraysAreCopies() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").value(SecretValue.of(new byte[] {1, 2, 3})).build());
        byte[] out = secrets().get(tenant, instance.id(), "K").value().bytes();
        Arrays.fill(out, (byte) 0);
        assertThat(secrets().get(tenant, instance.id(), "K").value().bytes())
                .as("[S-5b] secrets().get(tenant, instance.id(), \"K\").value().bytes() must contain exactly 1, 2, "
                        + "3").containsExactly(1, 2, 3);
    }

    // --- list -----------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-6 list returns the instance's secrets ordered by key ascending, by character code (case-sensitive)")
    void listOrderedByKey() {
        Instance instance = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        for (String key : List.of("b", "_x", "B2", "a.z", "A", "a-z", "a", "Z9", "a_z")) {
            secrets().insert(newSecret(instance, key).build());
            tick(1);
        }
        secrets().insert(newSecret(other, "AA").build());

        assertThat(secrets().list(tenant, instance.id()))
                .as("[S-6] secrets().list(tenant, instance.id()) mapped by SecretMetadata::key must contain exactly "
                        + "…").extracting(SecretMetadata::key)
                .containsExactly("A", "B2", "Z9", "_x", "a", "a-z", "a.z", "a_z", "b");
    }

    @Test
    @DisplayName("S-7 list of an instance without secrets, or of a missing instance, is empty; lists are unmodifiable")
    void listEmptyAndUnmodifiable() {
        Instance instance = insertInstance(tenant);
        Instance empty = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());

        assertThat(secrets().list(tenant, empty.id()))
                .as("[S-7] secrets().list(tenant, empty.id()) must be empty").isEmpty();
        assertThat(secrets().list(tenant, InstanceId.generate()))
                .as("[S-7] secrets().list(tenant, InstanceId.generate()) must be empty").isEmpty();
        List<SecretMetadata> listed = secrets().list(tenant, instance.id());
        SecretMetadata first = listed.get(0);
        assertThatThrownBy(() -> listed.add(first),
                "[S-7] listed.add(first) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(listed::clear,
                "[S-7] listed::clear must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThat(secrets().list(tenant, instance.id()))
                .as("[S-7] secrets().list(tenant, instance.id()) must have size 1").hasSize(1);
    }

    // --- uniqueness and parents -----------------------------------------------------------------------------------

    @Test
    @DisplayName("S-8a a second secret with the same key on the same instance is AlreadyExists on key; nothing is written")
    void duplicateKeyRejected() {
        Instance instance = insertInstance(tenant);
        Secret first = newSecret(instance, "DB_URL").build();
        secrets().insert(first);
        tick(5);

        var e = assertAlreadyExists("[S-8a] secrets().insert(newSecret(…).type(…).value(…).build()) must throw "
                        + "AlreadyExistsException on key",
                () -> secrets().insert(newSecret(instance, "DB_URL").type(SecretType.FILE)
                .value(SecretValue.ofUtf8("other")).build()), tenant, ResourceKind.SECRET, "key");

        assertThat(e.value())
                .as("[S-8a] e.value() from secrets().insert(newSecret(…).type(…).value(…).build()) must equal "
                        + "\"DB_URL\"").isEqualTo("DB_URL");
        assertThat(secrets().get(tenant, instance.id(), "DB_URL"))
                .as("[S-8a] secrets().get(tenant, instance.id(), \"DB_URL\") must equal expectedStored(…)")
                .isEqualTo(expectedStored(first, TestClock.START, TestClock.START, 1));
        assertThat(secrets().count(tenant)).as("[S-8a] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-8b the same key may be used on another instance and in another tenant; keys differing in case are distinct")
    void sameKeyElsewhereAllowed() {
        Instance a = insertInstance(tenant);
        Instance b = insertInstance(tenant);
        Instance foreign = insertInstance(otherTenant);
        secrets().insert(newSecret(a, "DB_URL").value(SecretValue.ofUtf8("a")).build());
        secrets().insert(newSecret(b, "DB_URL").value(SecretValue.ofUtf8("b")).build());
        secrets().insert(newSecret(foreign, "DB_URL").value(SecretValue.ofUtf8("c")).build());
        secrets().insert(newSecret(a, "db_url").value(SecretValue.ofUtf8("d")).build());

        assertThat(secrets().get(tenant, a.id(), "DB_URL").value().utf8())
                .as("[S-8b] secrets().get(tenant, a.id(), \"DB_URL\").value().utf8() must equal \"a\"").isEqualTo("a");
        assertThat(secrets().get(tenant, b.id(), "DB_URL").value().utf8())
                .as("[S-8b] secrets().get(tenant, b.id(), \"DB_URL\").value().utf8() must equal \"b\"").isEqualTo("b");
        assertThat(secrets().get(otherTenant, foreign.id(), "DB_URL").value().utf8())
                .as("[S-8b] secrets().get(otherTenant, foreign.id(), \"DB_URL\").value().utf8() must equal "
                        + "\"c\"").isEqualTo("c");
        assertThat(secrets().get(tenant, a.id(), "db_url").value().utf8())
                .as("[S-8b] secrets().get(tenant, a.id(), \"db_url\").value().utf8() must equal \"d\"").isEqualTo("d");
        assertThat(secrets().count(tenant)).as("[S-8b] secrets().count(tenant) must equal 3").isEqualTo(3);
        assertThat(secrets().count(otherTenant)).as("[S-8b] secrets().count(otherTenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-9 inserting an id that exists is AlreadyExists on id, even under another key; nothing is written")
    void duplicateIdRejected() {
        Instance instance = insertInstance(tenant);
        Secret first = newSecret(instance, "ONE").build();
        secrets().insert(first);

        var e = assertAlreadyExists("[S-9] secrets().insert(newSecret(instance, \"TWO\").id(first.id()).build()) must "
                        + "throw AlreadyExistsException on id",
                () -> secrets().insert(newSecret(instance, "TWO").id(first.id()).build()),
                tenant, ResourceKind.SECRET, "id");

        assertThat(e.value())
                .as("[S-9] e.value() from secrets().insert(newSecret(…).id(…).build()) must equal "
                        + "first.id().value()").isEqualTo(first.id().value());
        assertThat(secrets().list(tenant, instance.id()))
                .as("[S-9] secrets().list(tenant, instance.id()) mapped by SecretMetadata::key must contain exactly "
                        + "\"ONE\"")
                .extracting(SecretMetadata::key).containsExactly("ONE");
    }

    @Test
    @DisplayName("S-10 insert requires an existing instance of the same tenant, else NotFound on the instance; nothing is written")
    void insertRequiresInstance() {
        Instance foreign = insertInstance(otherTenant);
        InstanceId missing = InstanceId.generate();

        assertNotFound("[S-10] secrets().insert(Secret.builder().tenantId(…).instanceId(…).key(…).value(…).build()) "
                        + "must throw NotFoundException",
                () -> secrets().insert(Secret.builder().tenantId(tenant).instanceId(missing).key("K")
                .value(SecretValue.ofUtf8(PLAINTEXT)).build()), tenant, ResourceKind.INSTANCE, missing.value());
        assertNotFound("[S-10] secrets().insert(Secret.builder().tenantId(…).instanceId(…).key(…).value(…).build()) "
                        + "must throw NotFoundException",
                () -> secrets().insert(Secret.builder().tenantId(tenant).instanceId(foreign.id()).key("K")
                .value(SecretValue.ofUtf8(PLAINTEXT)).build()), tenant, ResourceKind.INSTANCE, foreign.id().value());

        assertThat(secrets().count(tenant)).as("[S-10] secrets().count(tenant) must be 0").isZero();
        assertThat(secrets().count(otherTenant)).as("[S-10] secrets().count(otherTenant) must be 0").isZero();
        assertThat(secrets().list(otherTenant, foreign.id()))
                .as("[S-10] secrets().list(otherTenant, foreign.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("S-11 insert of a secret that carries a version is rejected on secret.version; nothing is written")
    void insertRequiresVersionZero() {
        Instance instance = insertInstance(tenant);
        assertInvalidArgument("[S-11] secrets().insert(newSecret(…).createdAt(…).updatedAt(…).version(…).build()) must "
                        + "throw InvalidArgumentException naming secret.version",
                () -> secrets().insert(newSecret(instance, "K").createdAt(TestClock.START)
                .updatedAt(TestClock.START).version(1).build()), "secret.version");
        assertThat(secrets().count(tenant)).as("[S-11] secrets().count(tenant) must be 0").isZero();
    }

    // --- update ---------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-12 update replaces type and value, keeps id and createdAt, sets updatedAt to now; version goes 1, 2, 3")
    void updateReplacesValueAndCountsVersions() {
        Instance instance = insertInstance(tenant);
        Secret secret = newSecret(instance, "TOKEN").build();
        assertThat(secrets().insert(secret).version())
                .as("[S-12] secrets().insert(secret).version() must equal 1").isEqualTo(1);

        Instant second = later(1_000);
        Secret v1 = secrets().get(tenant, instance.id(), "TOKEN");
        SecretMetadata m2 = secrets().update(v1.toBuilder().type(SecretType.FILE)
                .value(SecretValue.ofUtf8("second")).build());
        assertThat(m2.version())
                .as("[S-12] m2.version() from secrets().update(v1.toBuilder().type(…).value(…).build()) must equal "
                        + "2").isEqualTo(2);
        assertThat(m2.updatedAt())
                .as("[S-12] m2.updatedAt() from secrets().update(v1.toBuilder().type(…).value(…).build()) must equal "
                        + "second").isEqualTo(second);

        Instant third = later(1_000);
        Secret v2 = secrets().get(tenant, instance.id(), "TOKEN");
        SecretMetadata m3 = secrets().update(v2.toBuilder().value(SecretValue.ofUtf8("third")).build());

        Secret expected = secret.toBuilder().type(SecretType.FILE).value(SecretValue.ofUtf8("third"))
                .createdAt(TestClock.START).updatedAt(third).version(3).build();
        assertThat(m3)
                .as("[S-12] m3 (secrets().update(v2.toBuilder().value(…).build())) must equal "
                        + "expected.metadata()").isEqualTo(expected.metadata());
        assertThat(secrets().get(tenant, instance.id(), "TOKEN"))
                .as("[S-12] secrets().get(tenant, instance.id(), \"TOKEN\") must equal expected").isEqualTo(expected);
        assertThat(secrets().count(tenant)).as("[S-12] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-13 an update based on a stale version is a Conflict and leaves the stored secret unchanged")
    void staleUpdateConflicts() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "TOKEN").build());
        Secret v1 = secrets().get(tenant, instance.id(), "TOKEN");
        secrets().update(v1.toBuilder().value(SecretValue.ofUtf8("winner")).build());
        Secret v2 = secrets().get(tenant, instance.id(), "TOKEN");
        tick(10);

        assertConflict("[S-13] "
                        + "secrets().update(v1.toBuilder().type(SecretType.TLS).value(SecretValue.ofUtf8(…)).build()) "
                        + "must throw ConflictException (version 1 given, 2 stored)",
                () -> secrets().update(v1.toBuilder().type(SecretType.TLS)
                .value(SecretValue.ofUtf8("loser")).build()), tenant, ResourceKind.SECRET, "TOKEN", 1, 2);

        assertThat(secrets().get(tenant, instance.id(), "TOKEN"))
                .as("[S-13] secrets().get(tenant, instance.id(), \"TOKEN\") must equal v2").isEqualTo(v2);
        assertThat(v2.value().utf8())
                .as("[S-13] v2.value().utf8() from secrets().get(tenant, instance.id(), \"TOKEN\") must equal "
                        + "\"winner\"").isEqualTo("winner");
    }

    @Test
    @DisplayName("S-14a update of a key the instance does not have is NotFound on the key; nothing is written")
    void updateMissingIsNotFound() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "PRESENT").build());
        Secret stored = secrets().get(tenant, instance.id(), "PRESENT");

        assertNotFound("[S-14a] secrets().update(stored.toBuilder().key(\"ABSENT\").build()) must throw "
                        + "NotFoundException",
                () -> secrets().update(stored.toBuilder().key("ABSENT").build()), tenant,
                ResourceKind.SECRET, "ABSENT");
        InstanceId sibling = insertInstance(tenant).id();
        assertNotFound("[S-14a] secrets().update(stored.toBuilder().instanceId(sibling).build()) must throw "
                        + "NotFoundException",
                () -> secrets().update(stored.toBuilder().instanceId(sibling).build()), tenant,
                ResourceKind.SECRET, "PRESENT");

        assertThat(secrets().count(tenant)).as("[S-14a] secrets().count(tenant) must equal 1").isEqualTo(1);
        assertThat(secrets().get(tenant, instance.id(), "PRESENT"))
                .as("[S-14a] secrets().get(tenant, instance.id(), \"PRESENT\") must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("S-14b update of a secret that was never stored (version 0) is rejected on secret.version")
    void updateRequiresStoredVersion() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());
        Secret stored = secrets().get(tenant, instance.id(), "K");

        assertInvalidArgument("[S-14b] secrets().update(newSecret(instance, \"K\").id(stored.id()).build()) must throw "
                        + "InvalidArgumentException naming secret.version",
                () -> secrets().update(newSecret(instance, "K").id(stored.id()).build()),
                "secret.version");
        assertThat(secrets().get(tenant, instance.id(), "K"))
                .as("[S-14b] secrets().get(tenant, instance.id(), \"K\") must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("S-15 update cannot change a secret's id: a copy read before the key was deleted and re-inserted is rejected on secret.id")
    void updateCannotChangeId() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());
        Secret old = secrets().get(tenant, instance.id(), "K");
        secrets().delete(tenant, instance.id(), "K");
        secrets().insert(newSecret(instance, "K").value(SecretValue.ofUtf8("new")).build());
        Secret current = secrets().get(tenant, instance.id(), "K");
        assertThat(current.version())
                .as("[S-15] current.version() from secrets().get(tenant, instance.id(), \"K\") must equal "
                        + "old.version()").isEqualTo(old.version());

        assertInvalidArgument("[S-15] secrets().update(old.toBuilder().value(SecretValue.ofUtf8(\"stale\")).build()) "
                        + "must throw InvalidArgumentException naming secret.id",
                () -> secrets().update(old.toBuilder().value(SecretValue.ofUtf8("stale")).build()),
                "secret.id");

        assertThat(secrets().get(tenant, instance.id(), "K"))
                .as("[S-15] secrets().get(tenant, instance.id(), \"K\") must equal current").isEqualTo(current);
    }

    // --- delete and count -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-16 delete removes only that secret and frees its key and id; deleting it again is NotFound on the key")
    void deleteRemovesOne() {
        Instance instance = insertInstance(tenant);
        Instance sibling = insertInstance(tenant);
        Secret gone = newSecret(instance, "GONE").build();
        secrets().insert(gone);
        secrets().insert(newSecret(instance, "KEPT").build());
        secrets().insert(newSecret(sibling, "GONE").build());

        secrets().delete(tenant, instance.id(), "GONE");

        assertNotFound("[S-16] secrets().get(tenant, instance.id(), \"GONE\") must throw NotFoundException",
                () -> secrets().get(tenant, instance.id(), "GONE"), tenant, ResourceKind.SECRET, "GONE");
        assertNotFound("[S-16] secrets().delete(tenant, instance.id(), \"GONE\") must throw NotFoundException",
                () -> secrets().delete(tenant, instance.id(), "GONE"), tenant, ResourceKind.SECRET, "GONE");
        assertThat(secrets().list(tenant, instance.id()))
                .as("[S-16] secrets().list(tenant, instance.id()) mapped by SecretMetadata::key must contain exactly "
                        + "\"KEPT\"")
                .extracting(SecretMetadata::key).containsExactly("KEPT");
        assertThat(secrets().get(tenant, sibling.id(), "GONE").key())
                .as("[S-16] secrets().get(tenant, sibling.id(), \"GONE\").key() must equal \"GONE\"").isEqualTo("GONE");
        assertThat(secrets().count(tenant)).as("[S-16] secrets().count(tenant) must equal 2").isEqualTo(2);

        secrets().insert(gone);
        assertThat(secrets().get(tenant, instance.id(), "GONE").id())
                .as("[S-16] secrets().get(tenant, instance.id(), \"GONE\").id() must equal "
                        + "gone.id()").isEqualTo(gone.id());
        assertThat(secrets().count(tenant)).as("[S-16] secrets().count(tenant) must equal 3").isEqualTo(3);
    }

    @Test
    @DisplayName("S-17 count is the number of the tenant's secrets over all its instances; 0 for a tenant without any")
    void countPerTenant() {
        Instance a = insertInstance(tenant);
        Instance b = insertInstance(tenant);
        Instance foreign = insertInstance(otherTenant);
        assertThat(secrets().count(tenant)).as("[S-17] secrets().count(tenant) must be 0").isZero();
        for (int i = 0; i < 3; i++) {
            secrets().insert(newSecret(a, "A" + i).build());
        }
        for (int i = 0; i < 2; i++) {
            secrets().insert(newSecret(b, "B" + i).build());
        }
        secrets().insert(newSecret(foreign, "F").build());

        assertThat(secrets().count(tenant)).as("[S-17] secrets().count(tenant) must equal 5").isEqualTo(5);
        assertThat(secrets().count(otherTenant)).as("[S-17] secrets().count(otherTenant) must equal 1").isEqualTo(1);
        assertThat(secrets().count(TenantId.generate()))
                .as("[S-17] secrets().count(TenantId.generate()) must be 0").isZero();
    }

    // --- tenant isolation -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-18a get with another tenant is NotFound carrying the caller's tenant")
    void getIsolated() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());

        assertNotFound("[S-18a] secrets().get(otherTenant, instance.id(), \"K\") must throw NotFoundException",
                () -> secrets().get(otherTenant, instance.id(), "K"), otherTenant, ResourceKind.SECRET, "K");
        assertNotFound("[S-18a] secrets().get(tenant, InstanceId.generate(), \"K\") must throw NotFoundException",
                () -> secrets().get(tenant, InstanceId.generate(), "K"), tenant, ResourceKind.SECRET, "K");
    }

    @Test
    @DisplayName("S-18b list and count with another tenant see nothing")
    void listAndCountIsolated() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());

        assertThat(secrets().list(otherTenant, instance.id()))
                .as("[S-18b] secrets().list(otherTenant, instance.id()) must be empty").isEmpty();
        assertThat(secrets().count(otherTenant)).as("[S-18b] secrets().count(otherTenant) must be 0").isZero();
        assertThat(secrets().count(tenant)).as("[S-18b] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-18c update is scoped by the record's tenant: another tenant's copy is NotFound and changes nothing")
    void updateIsolated() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());
        Secret stored = secrets().get(tenant, instance.id(), "K");

        assertNotFound("[S-18c] secrets().update(stored.toBuilder().tenantId(…).value(…).build()) must throw "
                        + "NotFoundException",
                () -> secrets().update(stored.toBuilder().tenantId(otherTenant)
                .value(SecretValue.ofUtf8("hijacked")).build()), otherTenant, ResourceKind.SECRET, "K");

        assertThat(secrets().get(tenant, instance.id(), "K"))
                .as("[S-18c] secrets().get(tenant, instance.id(), \"K\") must equal stored").isEqualTo(stored);
        assertThat(secrets().count(otherTenant)).as("[S-18c] secrets().count(otherTenant) must be 0").isZero();
    }

    @Test
    @DisplayName("S-18d delete with another tenant is NotFound and deletes nothing")
    void deleteIsolated() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());

        assertNotFound("[S-18d] secrets().delete(otherTenant, instance.id(), \"K\") must throw NotFoundException",
                () -> secrets().delete(otherTenant, instance.id(), "K"), otherTenant, ResourceKind.SECRET,
                "K");

        assertThat(secrets().get(tenant, instance.id(), "K").key())
                .as("[S-18d] secrets().get(tenant, instance.id(), \"K\").key() must equal \"K\"").isEqualTo("K");
        assertThat(secrets().count(tenant)).as("[S-18d] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-19 deleting an instance deletes its secrets and no other instance's; the key is then free again")
    void instanceDeleteCascades() {
        Instance doomed = insertInstance(tenant);
        Instance survivor = insertInstance(tenant);
        Instance foreign = insertInstance(otherTenant);
        secrets().insert(newSecret(doomed, "A").build());
        secrets().insert(newSecret(doomed, "B").build());
        secrets().insert(newSecret(survivor, "A").build());
        secrets().insert(newSecret(foreign, "A").build());

        store.instances().delete(tenant, doomed.id());

        assertNotFound("[S-19] secrets().get(tenant, doomed.id(), \"A\") must throw NotFoundException",
                () -> secrets().get(tenant, doomed.id(), "A"), tenant, ResourceKind.SECRET, "A");
        assertThat(secrets().list(tenant, doomed.id()))
                .as("[S-19] secrets().list(tenant, doomed.id()) must be empty").isEmpty();
        assertThat(secrets().count(tenant)).as("[S-19] secrets().count(tenant) must equal 1").isEqualTo(1);
        assertThat(secrets().list(tenant, survivor.id()))
                .as("[S-19] secrets().list(tenant, survivor.id()) mapped by SecretMetadata::key must contain exactly "
                        + "\"A\"")
                .extracting(SecretMetadata::key).containsExactly("A");
        assertThat(secrets().count(otherTenant)).as("[S-19] secrets().count(otherTenant) must equal 1").isEqualTo(1);
        Instance replacement = insertInstance(tenant);
        secrets().insert(newSecret(replacement, "A").build());
        assertThat(secrets().count(tenant)).as("[S-19] secrets().count(tenant) must equal 2").isEqualTo(2);
    }

    // --- time -----------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-20 createdAt and updatedAt are the store clock's now, truncated to microseconds")
    void timestampsAreMicroseconds() {
        Instance instance = insertInstance(tenant);
        clock().set(Instant.parse("2026-05-06T07:08:09.123456789Z"));
        SecretMetadata inserted = secrets().insert(newSecret(instance, "K").build());
        clock().set(Instant.parse("2026-05-06T07:08:10.987654321Z"));
        SecretMetadata updated = secrets().update(secrets().get(tenant, instance.id(), "K"));

        assertThat(inserted.createdAt())
                .as("[S-20] inserted.createdAt() from secrets().insert(newSecret(…).build()) must equal "
                        + "Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-06T07:08:09.123456Z"));
        Secret read = secrets().get(tenant, instance.id(), "K");
        assertThat(read.createdAt())
                .as("[S-20] read.createdAt() from secrets().get(tenant, instance.id(), \"K\") must equal "
                        + "Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-06T07:08:09.123456Z"));
        assertThat(read.updatedAt())
                .as("[S-20] read.updatedAt() from secrets().get(tenant, instance.id(), \"K\") must equal "
                        + "Instant.parse(…)")
                .isEqualTo(Instant.parse("2026-05-06T07:08:10.987654Z"));
        assertThat(updated)
                .as("[S-20] updated (secrets().update(secrets().get(…))) must equal "
                        + "read.metadata()").isEqualTo(read.metadata());
    }

    // --- bad input ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-21a a key with bad characters, a leading digit, blank or over 255 characters is rejected on secret.key")
    void badKeysRejected() {
        Instance instance = insertInstance(tenant);
        for (String bad : List.of("DB PASSWORD", "9LIVES", "a=b", "a/b", "a|b", "-x", ".env", "ключ", "", " ",
                "k".repeat(256))) {
            assertInvalidArgument("[S-21a] secrets().insert(newSecret(instance, bad).build()) must throw "
                            + "InvalidArgumentException naming secret.key",
                    () -> secrets().insert(newSecret(instance, bad).build()), "secret.key");
        }
        assertThat(secrets().count(tenant)).as("[S-21a] secrets().count(tenant) must be 0").isZero();
    }

    @Test
    @DisplayName("S-21b keys at the edges of the syntax are accepted and round trip")
    void edgeKeysAccepted() {
        Instance instance = insertInstance(tenant);
        List<String> keys = List.of("_", "A", "k".repeat(255), "tls.crt", "x-api-key", "a_B.c-9");
        for (String key : keys) {
            secrets().insert(newSecret(instance, key).build());
        }
        for (String key : keys) {
            assertThat(secrets().get(tenant, instance.id(), key).key())
                    .as("[S-21b] secrets().get(tenant, instance.id(), key).key() must equal key").isEqualTo(key);
        }
        assertThat(secrets().count(tenant))
                .as("[S-21b] secrets().count(tenant) must equal keys.size()").isEqualTo(keys.size());
    }

    @Test
    @DisplayName("S-22 a null argument to any method is rejected naming the parameter; nothing is written")
    void nullArgumentsRejected() {
        Instance instance = insertInstance(tenant);
        InstanceId iid = instance.id();
        assertInvalidArgument("[S-22] secrets().insert(null) must throw InvalidArgumentException naming secret",
                () -> secrets().insert(null), "secret");
        assertInvalidArgument("[S-22] secrets().update(null) must throw InvalidArgumentException naming secret",
                () -> secrets().update(null), "secret");
        assertInvalidArgument("[S-22] secrets().get(null, iid, \"K\") must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> secrets().get(null, iid, "K"), "tenantId");
        assertInvalidArgument("[S-22] secrets().get(tenant, null, \"K\") must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> secrets().get(tenant, null, "K"), "instanceId");
        assertInvalidArgument("[S-22] secrets().get(tenant, iid, null) must throw InvalidArgumentException naming key",
                () -> secrets().get(tenant, iid, null), "key");
        assertInvalidArgument("[S-22] secrets().list(null, iid) must throw InvalidArgumentException naming tenantId",
                () -> secrets().list(null, iid), "tenantId");
        assertInvalidArgument("[S-22] secrets().list(tenant, null) must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> secrets().list(tenant, null), "instanceId");
        assertInvalidArgument("[S-22] secrets().delete(null, iid, \"K\") must throw InvalidArgumentException naming "
                        + "tenantId",
                () -> secrets().delete(null, iid, "K"), "tenantId");
        assertInvalidArgument("[S-22] secrets().delete(tenant, null, \"K\") must throw InvalidArgumentException naming "
                        + "instanceId",
                () -> secrets().delete(tenant, null, "K"), "instanceId");
        assertInvalidArgument("[S-22] secrets().delete(tenant, iid, null) must throw InvalidArgumentException naming "
                        + "key",
                () -> secrets().delete(tenant, iid, null), "key");
        assertInvalidArgument("[S-22] secrets().count(null) must throw InvalidArgumentException naming tenantId",
                () -> secrets().count(null), "tenantId");
        assertInvalidArgument("[S-22] newSecret(instance, \"K\").value(null).build() must throw "
                        + "InvalidArgumentException naming secret.value",
                () -> newSecret(instance, "K").value(null).build(), "secret.value");
        assertThat(secrets().count(tenant)).as("[S-22] secrets().count(tenant) must be 0").isZero();
    }

    @Test
    @DisplayName("S-23 get and delete with a blank or over-long key are rejected on key")
    void badLookupKeysRejected() {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "K").build());
        for (String bad : List.of("", "   ", "k".repeat(256))) {
            assertInvalidArgument("[S-23] secrets().get(tenant, instance.id(), bad) must throw "
                            + "InvalidArgumentException naming key",
                    () -> secrets().get(tenant, instance.id(), bad), "key");
            assertInvalidArgument("[S-23] secrets().delete(tenant, instance.id(), bad) must throw "
                            + "InvalidArgumentException naming key",
                    () -> secrets().delete(tenant, instance.id(), bad), "key");
        }
        assertThat(secrets().count(tenant)).as("[S-23] secrets().count(tenant) must equal 1").isEqualTo(1);
    }

    @Test
    @DisplayName("S-24 secret id text with another prefix is rejected on secretId")
    void wrongPrefixIdRejected() {
        Instance instance = insertInstance(tenant);
        InvalidArgumentException e = assertInvalidArgument("[S-24] SecretId.parse(instance.id().value()) must throw "
                        + "InvalidArgumentException naming secretId",
                () -> SecretId.parse(instance.id().value()), "secretId");
        assertThat(e.getMessage())
                .as("[S-24] e.getMessage() must contain \"\\\"sec\\\"\" and contain instance.id().value()")
                .contains("\"sec\"").contains(instance.id().value());
        assertInvalidArgument("[S-24] SecretId.parse(\"sec_not-a-type-id\") must throw InvalidArgumentException naming "
                        + "secretId",
                () -> SecretId.parse("sec_not-a-type-id"), "secretId");
        assertThat(secrets().count(tenant)).as("[S-24] secrets().count(tenant) must be 0").isZero();
    }

    // --- concurrency ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("S-25 8 threads updating one secret with re-read and retry on Conflict lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        Instance instance = insertInstance(tenant);
        secrets().insert(newSecret(instance, "COUNTER").value(SecretValue.ofUtf8("0")).build());
        int threads = 8;
        int increments = 25;
        concurrently(threads, t -> {
            for (int i = 0; i < increments; i++) {
                for (int attempt = 0; ; attempt++) {
                    if (attempt > 10_000) {
                        throw new AssertionError("no progress after 10,000 attempts");
                    }
                    Secret s = secrets().get(tenant, instance.id(), "COUNTER");
                    int n = Integer.parseInt(s.value().utf8());
                    try {
                        secrets().update(s.toBuilder().value(SecretValue.ofUtf8(Integer.toString(n + 1))).build());
                        break;
                    } catch (ConflictException e) {
                        // someone else won this round: re-read and apply again
                    }
                }
            }
        });

        Secret result = secrets().get(tenant, instance.id(), "COUNTER");
        assertThat(result.value().utf8())
                .as("[S-25] result.value().utf8() from secrets().get(tenant, instance.id(), \"COUNTER\") must equal "
                        + "Integer.toString(threads * increments)")
                .isEqualTo(Integer.toString(threads * increments));
        assertThat(result.version())
                .as("[S-25] result.version() from secrets().get(tenant, instance.id(), \"COUNTER\") must equal 1 + "
                        + "threads * increments").isEqualTo(1 + threads * increments);
    }

    @Test
    @DisplayName("S-26 inserts from 8 threads at once all land")
    void concurrentInsertsAllLand() throws Exception {
        Instance instance = insertInstance(tenant);
        int threads = 8;
        int each = 25;
        concurrently(threads, thread -> {
            for (int i = 0; i < each; i++) {
                secrets().insert(newSecret(instance, "T" + thread + "_" + i)
                        .value(SecretValue.ofUtf8(thread + ":" + i)).build());
            }
        });

        assertThat(secrets().count(tenant))
                .as("[S-26] secrets().count(tenant) must equal threads * each").isEqualTo(threads * each);
        List<SecretMetadata> listed = secrets().list(tenant, instance.id());
        assertThat(listed)
                .as("[S-26] listed (secrets().list(tenant, instance.id())) must have size threads * "
                        + "each").hasSize(threads * each);
        assertThat(secrets().get(tenant, instance.id(), "T7_24").value().utf8())
                .as("[S-26] secrets().get(tenant, instance.id(), \"T7_24\").value().utf8() must equal "
                        + "\"7:24\"").isEqualTo("7:24");
    }

    /** Moves the clock forward and returns the new now at microsecond precision. */
    private Instant later(long millis) {
        tick(millis);
        return clock().instant();
    }
}
