package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.control.ControlException;
import dev.ctrlstore.store.control.ControlException.Reason;
import dev.ctrlstore.store.control.ControlNames;
import dev.ctrlstore.store.control.WriterCredentials;
import dev.ctrlstore.store.internal.Times;
import dev.ctrlstore.store.jooq.tables.records.ControlWritersRecord;
import dev.ctrlstore.store.sql.DuplicateKeyException;
import dev.ctrlstore.store.sql.Prepared;
import dev.ctrlstore.store.sql.SqlDatabase;
import dev.ctrlstore.store.sql.SqlSession;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.ctrlstore.store.jooq.Tables.CONTROL_WRITERS;

/**
 * Writers: registration with a salted, slow hash of the secret ({@link SecretHashes}), authentication, and the
 * cookie. A verified secret is remembered for {@link ControlSettings#verifiedSecretTtl()} as a SHA-256 digest next
 * to the stored hash it matched, so a writer's mutations pay one fast digest, not PBKDF2; a changed stored hash
 * makes the memory miss.
 */
final class ControlWriters {
    /** Most bytes of a cookie (ctlstore's limit). */
    static final int MAX_COOKIE = 1024;
    /** At most this many writers are remembered; past it the memory starts over (writers are few). */
    private static final int MAX_REMEMBERED = 10_000;
    static final DSLContext RECORDS = DSL.using(SQLDialect.DEFAULT);
    private static final Prepared BY_NAME = Prepared.byKey("control_writers.byName", CONTROL_WRITERS,
            CONTROL_WRITERS.NAME);

    /** An authenticated writer, as stored when its secret was checked. */
    record Writer(String name, String secretHash, byte[] cookie) {
    }

    private record Verified(String secretHash, byte[] digest, long expiresAt) {
    }

    private final SqlDatabase db;
    private final Clock clock;
    private final ControlSettings settings;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    ControlWriters(SqlDatabase db, Clock clock, ControlSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    void register(String writer, String secret) {
        String name = ControlNames.writer(writer);
        ControlNames.secret(name, secret);
        Writer existing = find(name);
        if (existing != null) {
            requireSameSecret(existing, secret);
            return;
        }
        String hash = SecretHashes.hash(secret, settings.secretIterations());
        Instant now = Times.micros(clock.instant());
        try {
            db.transact("control().registerWriter", tx -> {
                ControlWritersRecord r = RECORDS.newRecord(CONTROL_WRITERS);
                r.setName(name);
                r.setSecretHash(hash);
                r.setCookie(new byte[0]);
                r.setCreatedAt(now);
                r.setUpdatedAt(now);
                tx.insert(r);
                return null;
            });
        } catch (DuplicateKeyException e) {
            // Registered concurrently: the same secret is then the no-op it would have been.
            requireSameSecret(find(name), secret);
            return;
        }
        // The writer's first requests usually follow at once: they need not hash the secret again.
        remember(name, hash, SecretHashes.digest(secret));
    }

    /**
     * The writer, if {@code credentials} name a registered writer and its secret.
     *
     * @throws ControlException UNAUTHORIZED otherwise (one message for both, so it tells no one which writers exist)
     */
    Writer authenticate(WriterCredentials credentials) {
        if (credentials == null || credentials.writer() == null || credentials.secret() == null) {
            throw unauthorized(credentials == null ? null : credentials.writer());
        }
        String name;
        try {
            name = ControlNames.writer(credentials.writer());
        } catch (ControlException e) {
            throw unauthorized(credentials.writer());
        }
        Writer w = find(name);
        if (w == null || !verify(w, credentials.secret())) {
            throw unauthorized(name);
        }
        return w;
    }

    byte[] cookie(WriterCredentials credentials) {
        return authenticate(credentials).cookie().clone();
    }

    void setCookie(WriterCredentials credentials, byte[] cookie) {
        checkCookie(cookie, "cookie");
        Writer w = authenticate(credentials);
        db.transact("control().setCookie", tx -> {
            storeCookie(tx, w, Optional.of(cookie), Optional.empty());
            return null;
        });
    }

    /**
     * In a mutation's transaction: stores {@code cookie} (when present) if the stored cookie equals {@code check}
     * (when present). Nothing to do when both are absent.
     *
     * @throws ControlException CONFLICT when the check fails (the caller's transaction then writes nothing)
     */
    void storeCookie(SqlSession tx, Writer w, Optional<byte[]> cookie, Optional<byte[]> check) {
        if (cookie.isEmpty() && check.isEmpty()) {
            return;
        }
        ControlWritersRecord r = RECORDS.newRecord(CONTROL_WRITERS);
        cookie.ifPresent(r::setCookie);
        r.setUpdatedAt(Times.micros(clock.instant()));
        Condition where = CONTROL_WRITERS.NAME.eq(w.name()).and(CONTROL_WRITERS.SECRET_HASH.eq(w.secretHash()));
        if (check.isPresent()) {
            where = where.and(CONTROL_WRITERS.COOKIE.eq(check.get()));
        }
        if (tx.updateWhere(r, where) == 0) {
            if (check.isPresent()) {
                throw new ControlException(Reason.CONFLICT, "cookie check failed for writer " + w.name()
                        + ": its stored cookie is not the check_cookie sent (another request changed it since);"
                        + " read the cookie again and resend", ResourceKind.CONTROL_WRITER, w.name());
            }
            throw unauthorized(w.name());
        }
    }

    /** Checks a cookie's size; {@code what} names it in the message. */
    static void checkCookie(byte[] cookie, String what) {
        if (cookie == null) {
            throw new ControlException(Reason.INVALID, what + " is missing", null, null);
        }
        if (cookie.length > MAX_COOKIE) {
            throw new ControlException(Reason.INVALID, what + " is " + cookie.length + " bytes; at most " + MAX_COOKIE
                    + " are allowed", null, null);
        }
    }

    /** The writer named {@code name} (already normalized), or null. */
    Writer find(String name) {
        return db.fetchFirst(BY_NAME, row -> new Writer(row.get(CONTROL_WRITERS.NAME),
                row.get(CONTROL_WRITERS.SECRET_HASH), row.get(CONTROL_WRITERS.COOKIE)), name);
    }

    private boolean verify(Writer w, String secret) {
        byte[] digest = SecretHashes.digest(secret);
        long now = System.nanoTime();
        Verified known = verified.get(w.name());
        if (known != null && known.secretHash().equals(w.secretHash()) && now - known.expiresAt() < 0
                && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        if (!SecretHashes.matches(secret, w.secretHash())) {
            return false;
        }
        remember(w.name(), w.secretHash(), digest);
        return true;
    }

    private void remember(String name, String secretHash, byte[] digest) {
        long ttl = settings.verifiedSecretTtl().toNanos();
        if (ttl > 0) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(name, new Verified(secretHash, digest, System.nanoTime() + ttl));
        }
    }

    private void requireSameSecret(Writer existing, String secret) {
        if (!verify(existing, secret)) {
            throw new ControlException(Reason.CONFLICT, "writer " + existing.name() + " is registered with another"
                    + " secret; use that secret, or register under another name", ResourceKind.CONTROL_WRITER,
                    existing.name());
        }
    }


    private static ControlException unauthorized(String writer) {
        return new ControlException(Reason.UNAUTHORIZED, "writer " + writer + " is not registered or its secret"
                + " is wrong; register it first, or send the secret it was registered with",
                ResourceKind.CONTROL_WRITER, writer);
    }
}
