package dev.ctrlstore.store.control;

import java.util.List;
import java.util.Optional;

/**
 * One mutation request: up to 100 row changes in one family, applied in one transaction with the writer's cookie.
 *
 * @param family the family of every table named
 * @param cookie stored as the writer's cookie when the request commits; empty leaves the stored cookie unchanged
 * @param checkCookie when present, the request commits only if the stored cookie equals it (a compare-and-set)
 * @param mutations the row changes, in order; at least one
 */
public record MutationBatch(String family, Optional<byte[]> cookie, Optional<byte[]> checkCookie,
        List<Mutation> mutations) {
}
