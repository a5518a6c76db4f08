package dev.ctrlstore.store.network;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.RouteId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;

/**
 * A path-based route from the edge router to one service of an instance. Every field is persisted by every backend,
 * {@code serviceName} included. Immutable; build new ones with {@link #builder()} and changed copies with
 * {@link #toBuilder()}.
 *
 * @param id the route's id
 * @param tenantId the owning tenant
 * @param instanceId the instance it routes to; fixed once stored
 * @param serviceName the target service of the instance; {@code ""} for the main service
 * @param path the path prefix matched, starting with {@code /}
 * @param port the service port traffic goes to, 1 to 65535
 * @param protocol the protocol spoken to the service, e.g. {@code http} (the builder's default), {@code grpc}
 * @param weight the share of traffic among routes with the same path, 0 to 1000 (the builder's default is 100)
 * @param stripPrefix whether the matched path prefix is removed before forwarding
 * @param createdAt set by the store on insert; null while {@code version} is 0
 * @param updatedAt set by the store on every write; null while {@code version} is 0
 * @param version 0 for a route never stored; the store sets 1 on insert and adds 1 on every update
 */
public record Route(RouteId id, TenantId tenantId, InstanceId instanceId, String serviceName, String path, int port,
        String protocol, int weight, boolean stripPrefix, Instant createdAt, Instant updatedAt, long version) {

    /** Lowest {@link #port()}. */
    public static final int MIN_PORT = 1;
    /** Highest {@link #port()}. */
    public static final int MAX_PORT = 65_535;
    /** Highest {@link #weight()}; the lowest is 0 (no traffic). */
    public static final int MAX_WEIGHT = 1000;
    /** The builder's {@link #weight()}. */
    public static final int DEFAULT_WEIGHT = 100;
    /** The builder's {@link #protocol()}. */
    public static final String DEFAULT_PROTOCOL = "http";

    /**
     * @throws InvalidArgumentException naming the first field that is missing, malformed, out of range or too long
     */
    public Route {
        Checks.notNull(id, "route.id");
        Checks.notNull(tenantId, "route.tenantId");
        Checks.notNull(instanceId, "route.instanceId");
        serviceName = Checks.optionalText(serviceName, "route.serviceName", Checks.SHORT_TEXT);
        path = Checks.text(path, "route.path", Checks.LONG_TEXT);
        if (!path.startsWith("/")) {
            throw new InvalidArgumentException("route.path",
                    "route.path \"" + abbreviate(path) + "\" must start with \"/\"");
        }
        Checks.range(port, MIN_PORT, MAX_PORT, "route.port");
        protocol = Checks.text(protocol, "route.protocol", Checks.SHORT_TEXT);
        Checks.range(weight, 0, MAX_WEIGHT, "route.weight");
        createdAt = Times.micros(createdAt, "route.createdAt");
        updatedAt = Times.micros(updatedAt, "route.updatedAt");
        Versions.check(version, createdAt, updatedAt, "route");
    }

    /** A builder for a new route: a fresh id, the main service, protocol {@code http}, weight 100, version 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this route's values, for a changed copy (keep the version for optimistic updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Builds {@link Route} values; {@code tenantId}, {@code instanceId}, {@code path} and {@code port} are required. */
    public static final class Builder {
        private RouteId id;
        /** Until an id is given, {@link #build()} draws one: a value read from storage costs no random number. */
        private boolean newId = true;
        private TenantId tenantId;
        private InstanceId instanceId;
        private String serviceName = "";
        private String path;
        private int port;
        private String protocol = DEFAULT_PROTOCOL;
        private int weight = DEFAULT_WEIGHT;
        private boolean stripPrefix;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Route r) {
            id = r.id;
            newId = false;
            tenantId = r.tenantId;
            instanceId = r.instanceId;
            serviceName = r.serviceName;
            path = r.path;
            port = r.port;
            protocol = r.protocol;
            weight = r.weight;
            stripPrefix = r.stripPrefix;
            createdAt = r.createdAt;
            updatedAt = r.updatedAt;
            version = r.version;
        }

        public Builder id(RouteId v) { id = v; newId = false; return this; }
        public Builder tenantId(TenantId v) { tenantId = v; return this; }
        public Builder instanceId(InstanceId v) { instanceId = v; return this; }
        public Builder serviceName(String v) { serviceName = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder protocol(String v) { protocol = v; return this; }
        public Builder weight(int v) { weight = v; return this; }
        public Builder stripPrefix(boolean v) { stripPrefix = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder version(long v) { version = v; return this; }

        /** @throws InvalidArgumentException as the record's constructor does */
        public Route build() {
            if (newId) {
                id = RouteId.generate();
                newId = false;
            }
            return new Route(id, tenantId, instanceId, serviceName, path, port, protocol, weight, stripPrefix,
                    createdAt, updatedAt, version);
        }
    }
}
