package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.replication.replica.LdbStore;
import dev.ctrlstore.server.http.HttpError;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.StoreUnavailableException;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.Map;

/**
 * Read-your-writes for every read route: {@code ?min_seq=N} makes the read wait until the LDB has applied the ledger
 * up to N (the {@code ctrlstore-seq} a write answered), for at most {@code wait_ms} milliseconds (default 1000,
 * at most 30000); past that the read fails with 503 and may be retried. The answer then carries the applied position
 * in {@code ctrlstore-seq}.
 */
final class Freshness {
    static final String SEQ_HEADER = "ctrlstore-seq";
    static final long DEFAULT_WAIT_MS = 1_000;
    static final long MAX_WAIT_MS = 30_000;

    private final LdbStore ldb;

    Freshness(LdbStore ldb) {
        this.ldb = ldb;
    }

    /** Waits as the query asks; does nothing without {@code min_seq}. */
    void await(UriQuery query, ServerResponse res) {
        if (!query.contains("min_seq")) {
            if (query.contains("wait_ms")) {
                throw new InvalidArgumentException("wait_ms", "wait_ms is only meaningful with min_seq; add"
                        + " min_seq=<the ctrlstore-seq of your write> or drop wait_ms");
            }
            return;
        }
        long minSeq = number(query, "min_seq", 0, Long.MAX_VALUE, 0);
        long waitMs = number(query, "wait_ms", 0, MAX_WAIT_MS, DEFAULT_WAIT_MS);
        long applied;
        try {
            applied = ldb.awaitPosition(minSeq, Duration.ofMillis(waitMs));
        } catch (StoreUnavailableException e) {
            // The reflector is behind: worth retrying, and the client should know so.
            throw new HttpError(503, e.getMessage() + "; retry with the same min_seq", Map.of("Retry-After", "1"));
        }
        res.header(SEQ_HEADER, Long.toString(applied));
    }

    static long number(UriQuery query, String name, long min, long max, long absent) {
        if (!query.contains(name)) {
            return absent;
        }
        String text = query.get(name);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name, name + " must be a whole number between " + min + " and "
                    + max + ", got \"" + text + "\"");
        }
        if (value < min || value > max) {
            throw new InvalidArgumentException(name, name + " must be between " + min + " and " + max + ", got "
                    + value);
        }
        return value;
    }
}
