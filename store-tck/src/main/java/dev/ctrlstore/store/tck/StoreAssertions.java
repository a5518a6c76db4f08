package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.id.TenantId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Assertions on the store's errors that check the type and the fields, not only the message. Usable in any test.
 */
public final class StoreAssertions {
    private StoreAssertions() {
    }

    /** Asserts the call throws {@link NotFoundException} for this tenant, kind and id (id text, or slug/key). */
    public static NotFoundException assertNotFound(ThrowingCallable call, TenantId tenant, ResourceKind kind,
            Object id) {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, call);
        assertThat(e).as("expected NotFoundException for %s %s", kind.label(), id).isNotNull();
        assertThat(e.tenantId()).as("tenantId of the NotFoundException").isEqualTo(tenant);
        assertThat(e.resource()).as("resource of the NotFoundException").isEqualTo(kind);
        assertThat(e.id()).as("id of the NotFoundException").isEqualTo(String.valueOf(id));
        assertThat(e.getMessage()).contains(String.valueOf(id)).contains(kind.label());
        if (tenant != null) {
            assertThat(e.getMessage()).contains(tenant.value());
        }
        return e;
    }

    /** Asserts the call throws {@link AlreadyExistsException} for this tenant and kind, on this unique field. */
    public static AlreadyExistsException assertAlreadyExists(ThrowingCallable call, TenantId tenant,
            ResourceKind kind, String field) {
        AlreadyExistsException e = catchThrowableOfType(AlreadyExistsException.class, call);
        assertThat(e).as("expected AlreadyExistsException on %s.%s", kind.label(), field).isNotNull();
        assertThat(e.tenantId()).as("tenantId of the AlreadyExistsException").isEqualTo(tenant);
        assertThat(e.resource()).as("resource of the AlreadyExistsException").isEqualTo(kind);
        assertThat(e.field()).as("field of the AlreadyExistsException").isEqualTo(field);
        assertThat(e.getMessage()).contains(field).contains(e.value());
        return e;
    }

    /** Asserts the call throws {@link ConflictException} for this resource with these versions. */
    public static ConflictException assertConflict(ThrowingCallable call, TenantId tenant, ResourceKind kind,
            Object id, long expectedVersion, long actualVersion) {
        ConflictException e = catchThrowableOfType(ConflictException.class, call);
        assertThat(e).as("expected ConflictException for %s %s", kind.label(), id).isNotNull();
        assertThat(e.tenantId()).isEqualTo(tenant);
        assertThat(e.resource()).isEqualTo(kind);
        assertThat(e.id()).isEqualTo(String.valueOf(id));
        assertThat(e.expectedVersion()).as("expectedVersion").isEqualTo(expectedVersion);
        assertThat(e.actualVersion()).as("actualVersion").isEqualTo(actualVersion);
        assertThat(e.getMessage()).contains(String.valueOf(id)).contains("version " + expectedVersion);
        return e;
    }

    /** Asserts the call throws {@link InvalidArgumentException} whose field is {@code field}. */
    public static InvalidArgumentException assertInvalidArgument(ThrowingCallable call, String field) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class, call);
        assertThat(e).as("expected InvalidArgumentException naming %s", field).isNotNull();
        assertThat(e.field()).as("field of the InvalidArgumentException").isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
        return e;
    }
}
