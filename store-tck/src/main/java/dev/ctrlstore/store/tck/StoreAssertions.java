package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Assertions on the store's errors that check the type and the fields, not only the message. Usable in any test.
 *
 * <p>Each assertion has a form whose first parameter describes the call, e.g.
 * {@code assertNotFound("[I-7] delete of a missing id must throw NotFoundException", () -> ..., ...)}; every failure
 * message starts with that description, so a report names the rule and the call that broke it.
 */
public final class StoreAssertions {
    private StoreAssertions() {
    }

    /** Asserts the call throws {@link NotFoundException} for this tenant, kind and id (id text, or slug/key). */
    public static NotFoundException assertNotFound(ThrowingCallable call, TenantId tenant, ResourceKind kind,
            Object id) {
        return assertNotFound("the call must throw NotFoundException for " + kind.label() + " " + id, call, tenant,
                kind, id);
    }

    /**
     * Asserts the call throws {@link NotFoundException} for this tenant, kind and id (id text, or slug/key); every
     * failure message starts with {@code description}.
     */
    public static NotFoundException assertNotFound(String description, ThrowingCallable call, TenantId tenant,
            ResourceKind kind, Object id) {
        NotFoundException e = thrown(description, call, NotFoundException.class);
        assertThat(e.tenantId()).as("%s: tenantId of the NotFoundException", description).isEqualTo(tenant);
        assertThat(e.resource()).as("%s: resource of the NotFoundException", description).isEqualTo(kind);
        assertThat(e.id()).as("%s: id of the NotFoundException", description).isEqualTo(String.valueOf(id));
        assertThat(e.getMessage()).as("%s: message of the NotFoundException", description)
                .contains(String.valueOf(id)).contains(kind.label());
        if (tenant != null) {
            assertThat(e.getMessage()).as("%s: message of the NotFoundException", description)
                    .contains(tenant.value());
        }
        return e;
    }

    /** Asserts the call throws {@link AlreadyExistsException} for this tenant and kind, on this unique field. */
    public static AlreadyExistsException assertAlreadyExists(ThrowingCallable call, TenantId tenant,
            ResourceKind kind, String field) {
        return assertAlreadyExists("the call must throw AlreadyExistsException on " + kind.label() + "." + field, call,
                tenant, kind, field);
    }

    /**
     * Asserts the call throws {@link AlreadyExistsException} for this tenant and kind, on this unique field; every
     * failure message starts with {@code description}.
     */
    public static AlreadyExistsException assertAlreadyExists(String description, ThrowingCallable call,
            TenantId tenant, ResourceKind kind, String field) {
        AlreadyExistsException e = thrown(description, call, AlreadyExistsException.class);
        assertThat(e.tenantId()).as("%s: tenantId of the AlreadyExistsException", description).isEqualTo(tenant);
        assertThat(e.resource()).as("%s: resource of the AlreadyExistsException", description).isEqualTo(kind);
        assertThat(e.field()).as("%s: field of the AlreadyExistsException", description).isEqualTo(field);
        assertThat(e.getMessage()).as("%s: message of the AlreadyExistsException", description)
                .contains(field).contains(e.value());
        return e;
    }

    /** Asserts the call throws {@link ConflictException} for this resource with these versions. */
    public static ConflictException assertConflict(ThrowingCallable call, TenantId tenant, ResourceKind kind,
            Object id, long expectedVersion, long actualVersion) {
        return assertConflict("the call must throw ConflictException for " + kind.label() + " " + id, call, tenant,
                kind, id, expectedVersion, actualVersion);
    }

    /**
     * Asserts the call throws {@link ConflictException} for this resource with these versions; every failure message
     * starts with {@code description}.
     */
    public static ConflictException assertConflict(String description, ThrowingCallable call, TenantId tenant,
            ResourceKind kind, Object id, long expectedVersion, long actualVersion) {
        ConflictException e = thrown(description, call, ConflictException.class);
        assertThat(e.tenantId()).as("%s: tenantId of the ConflictException", description).isEqualTo(tenant);
        assertThat(e.resource()).as("%s: resource of the ConflictException", description).isEqualTo(kind);
        assertThat(e.id()).as("%s: id of the ConflictException", description).isEqualTo(String.valueOf(id));
        assertThat(e.expectedVersion()).as("%s: expectedVersion of the ConflictException", description)
                .isEqualTo(expectedVersion);
        assertThat(e.actualVersion()).as("%s: actualVersion of the ConflictException", description)
                .isEqualTo(actualVersion);
        assertThat(e.getMessage()).as("%s: message of the ConflictException", description)
                .contains(String.valueOf(id)).contains("version " + expectedVersion);
        return e;
    }

    /** Asserts the call throws {@link InvalidArgumentException} whose field is {@code field}. */
    public static InvalidArgumentException assertInvalidArgument(ThrowingCallable call, String field) {
        return assertInvalidArgument("the call must throw InvalidArgumentException naming " + field, call, field);
    }

    /**
     * Asserts the call throws {@link InvalidArgumentException} whose field is {@code field}; every failure message
     * starts with {@code description}.
     */
    public static InvalidArgumentException assertInvalidArgument(String description, ThrowingCallable call,
            String field) {
        InvalidArgumentException e = thrown(description, call, InvalidArgumentException.class);
        assertThat(e.field()).as("%s: field of the InvalidArgumentException", description).isEqualTo(field);
        assertThat(e.getMessage()).as("%s: message of the InvalidArgumentException", description).contains(field);
        return e;
    }

    /** What the call threw, asserted to be a {@code type}: nothing, or another type, fails under the description. */
    private static <T extends Throwable> T thrown(String description, ThrowingCallable call, Class<T> type) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("%s, but it returned normally", description).isNotNull();
        assertThat(t).as("%s, but it threw %s", description, t.getClass().getSimpleName()).isInstanceOf(type);
        return type.cast(t);
    }
}
