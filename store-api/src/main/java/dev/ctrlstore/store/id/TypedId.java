package dev.ctrlstore.store.id;

import java.time.Instant;
import java.util.UUID;

/**
 * An entity id in TypeID form: a type prefix, {@code _}, and a UUIDv7 in 26 Crockford base32 characters, e.g.
 * {@code inst_01h455vb4pex5vsknk084sn02q}. Ids sort by the millisecond they were generated in; within one process
 * generation is monotonic. Equality is equality of the text form.
 */
public sealed interface TypedId
        permits InstanceId, DeploymentId, ReleaseId, HealthCheckId, HealthResultId, DomainId, RouteId,
        CertificateId, SecretId, TenantId, AuditEntryId {

    /** The canonical text form, {@code prefix_suffix}. */
    String value();

    /** The type prefix, e.g. {@code inst}. */
    default String prefix() {
        return value().substring(0, value().lastIndexOf('_'));
    }

    /** The UUIDv7 the suffix encodes. */
    default UUID uuid() {
        return TypeIds.decode(value().substring(value().lastIndexOf('_') + 1));
    }

    /** The millisecond at which the id was generated (from the UUIDv7 timestamp). */
    default Instant generatedAt() {
        return TypeIds.timestamp(value());
    }
}
