package dev.ctrlstore.store.control;

import java.util.Map;

/**
 * One row change of a mutation request: an upsert of a whole row (every field of the table in {@code values}) or a
 * delete by the full primary key ({@code values} holds every key field; others are ignored).
 *
 * @param table the table, within the request's family
 * @param delete whether the row is deleted
 * @param values field name to value, exactly as parsed from JSON: {@code null}, {@code String}, {@code Boolean},
 *               {@code Long}, {@code java.math.BigInteger} or {@code java.math.BigDecimal} for numbers (never a
 *               double that lost digits), or a {@code Map}/{@code List} for nested JSON (always refused). Binary
 *               fields take base64 text.
 */
public record Mutation(String table, boolean delete, Map<String, Object> values) {
}
