package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The position a keyset cursor marks — the sort key and id of the last item of a page — and the one codec every
 * backend uses for it, so every backend accepts and rejects exactly the same cursors. Not API.
 *
 * <p>A cursor is URL-safe base64 of {@code c2|list|scope|key|id|check}: {@code scope} is a digest of what the walk
 * is bound to (tenant and filter, see {@link Scope}), {@code check} a digest of everything before it. It is accepted
 * only if the text is exactly what {@link #encode} produced (no character changed, none missing) for the same list
 * and scope. The digests catch mistakes, not attacks: a forged cursor can only move a walk within the caller's own
 * rows, since every query carries the tenant and filter as well.
 *
 * @param key the sort key of the last item (epoch microseconds, or a version number)
 * @param id the id of the last item: the tie-breaker among items with equal keys
 */
public record KeysetCursor(long key, String id) {
    private static final String VERSION = "c2";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public KeysetCursor {
        if (id == null || id.isEmpty() || id.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a cursor's id must be non-empty text without '|', got " + id);
        }
    }

    /** The cursor's text for a walk of {@code scope}. */
    public String encode(Scope scope) {
        String body = VERSION + "|" + scope.list() + "|" + scope.digest() + "|" + key + "|" + id;
        String raw = body + "|" + check(body);
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position {@code cursor} marks in a walk of {@code scope}.
     *
     * @throws InvalidArgumentException naming {@code cursor} if the text is not exactly a cursor issued for this
     *         list and scope
     */
    public static KeysetCursor decode(String cursor, Scope scope) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, scope, "it is not a cursor");
        }
        // the decoder ignores some bits of the last character; comparing the re-encoding catches an edit there too
        if (!ENCODER.encodeToString(bytes).equals(cursor)) {
            throw invalid(cursor, scope, "it is not a cursor");
        }
        String raw = new String(bytes, StandardCharsets.UTF_8);
        int cut = raw.lastIndexOf('|');
        String body = cut < 0 ? "" : raw.substring(0, cut);
        String[] parts = body.split("\\|", -1);
        if (cut < 0 || parts.length != 5 || !VERSION.equals(parts[0])
                || !MessageDigest.isEqual(check(body).getBytes(StandardCharsets.UTF_8),
                        raw.substring(cut + 1).getBytes(StandardCharsets.UTF_8))) {
            throw invalid(cursor, scope, "it is not a cursor this store issued, or it was cut short or changed");
        }
        if (!scope.list().equals(parts[1])) {
            throw invalid(cursor, scope, "it was issued by the " + parts[1] + " list");
        }
        if (!scope.digest().equals(parts[2])) {
            throw invalid(cursor, scope, "it was issued for another " + scope.boundTo()
                    + ", and a cursor continues only the walk that issued it");
        }
        try {
            return new KeysetCursor(Long.parseLong(parts[3]), parts[4]);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, scope, "it is not a cursor");
        }
    }

    private static InvalidArgumentException invalid(String cursor, Scope scope, String why) {
        String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 37) + "...";
        return new InvalidArgumentException("cursor", "cursor \"" + shown + "\" is not valid for listing "
                + scope.list() + ": " + why + "; pass the nextCursor of the previous page of the same " + scope.list()
                + " list, with the same " + scope.boundTo() + ", unchanged, or null for the first page");
    }

    private static String check(String body) {
        return ENCODER.encodeToString(Arrays.copyOf(sha256(body.getBytes(StandardCharsets.UTF_8)), 9));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * What a walk is bound to: the list, and a digest of the values that choose its items (the tenant, the filter).
     * Two scopes are equal exactly when their lists and values are equal, however the filter was built (label maps
     * are digested in key order). Build one with the factory of the list.
     *
     * @param list the list's name, e.g. {@code instances}
     * @param digest a digest of the list's name and values
     * @param boundTo what the values are, for messages, e.g. {@code tenant and filter}
     */
    public record Scope(String list, String digest, String boundTo) {

        /** {@code instances().list(tenant, filter, ...)}. */
        public static Scope instances(TenantId tenant, InstanceFilter filter) {
            return of("instances", "tenant and filter", tenant.value(),
                    optional(filter.state().map(InstanceState::wire)), sorted(filter.labels()),
                    optional(filter.providerName()), optional(filter.datacenterId()));
        }

        /** {@code deployments().listDeployments(tenant, instance, ...)}. */
        public static Scope deployments(TenantId tenant, InstanceId instance) {
            return of("deployments", "tenant and instance", tenant.value(), instance.value());
        }

        /** {@code deployments().listReleases(tenant, instance, ...)}. */
        public static Scope releases(TenantId tenant, InstanceId instance) {
            return of("releases", "tenant and instance", tenant.value(), instance.value());
        }

        /** {@code admin().listTenants(filter, ...)}. */
        public static Scope tenants(TenantFilter filter) {
            return of("tenants", "filter", optional(filter.status().map(TenantStatus::wire)));
        }

        /** {@code admin().queryAuditLog(tenant, query, ...)}. */
        public static Scope audit(TenantId tenant, AuditQuery query) {
            return of("audit", "tenant and query", tenant.value(), optional(query.actorId()),
                    optional(query.resource()), optional(query.resourceId()), optional(query.action()),
                    optional(query.since().map(Object::toString)), optional(query.until().map(Object::toString)));
        }

        /** A scope of {@code list} digesting {@code values} in order, each length-prefixed so none run together. */
        static Scope of(String list, String boundTo, String... values) {
            StringBuilder text = new StringBuilder();
            lengthPrefixed(text, list);
            for (String v : values) {
                lengthPrefixed(text, v);
            }
            byte[] digest = Arrays.copyOf(sha256(text.toString().getBytes(StandardCharsets.UTF_8)), 12);
            return new Scope(list, ENCODER.encodeToString(digest), boundTo);
        }

        private static void lengthPrefixed(StringBuilder text, String value) {
            text.append(value.length()).append(':').append(value);
        }

        /** An absent value and every present one, {@code ""} included, digest differently. */
        private static String optional(Optional<String> value) {
            return value.map(v -> "+" + v).orElse("-");
        }

        private static String sorted(Map<String, String> labels) {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(labels).forEach((k, v) -> {
                lengthPrefixed(text, k);
                lengthPrefixed(text, v);
            });
            return text.toString();
        }
    }
}
