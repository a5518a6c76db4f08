package dev.ctrlstore.store.control;

import java.util.List;

/**
 * A control table as its writers define it: ctlstore's naming rules apply (names lower-cased, then checked), every
 * key field is a declared field of type string, integer or bytestring, and there is at least one.
 *
 * @param family the family it belongs to
 * @param name its name within the family
 * @param fields its fields in column order
 * @param keyFields its primary key, in key order
 */
public record TableDefinition(String family, String name, List<FieldDefinition> fields, List<String> keyFields) {
}
