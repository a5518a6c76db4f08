package dev.ctrlstore.store.control;

import dev.ctrlstore.store.ResourceKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A control table as its writers define it: ctlstore's naming rules apply (names lower-cased, then checked), every
 * key field is a declared field of type string, integer or bytestring, and there is at least one.
 *
 * @param family the family it belongs to (lower-cased)
 * @param name its name within the family (lower-cased)
 * @param fields its fields in column order, at least one, names distinct
 * @param keyFields its primary key, in key order (lower-cased)
 * @throws ControlException ({@link ControlException.Reason#INVALID}) naming the table and what is wrong
 */
public record TableDefinition(String family, String name, List<FieldDefinition> fields, List<String> keyFields) {
    public TableDefinition {
        family = ControlNames.family(family);
        name = ControlNames.table(name);
        String table = family + "." + name;
        if (fields == null || fields.isEmpty()) {
            throw invalid("Table " + table + " has no fields; declare at least its key fields", table);
        }
        fields = List.copyOf(fields);
        Map<String, FieldType> types = new HashMap<>();
        for (FieldDefinition f : fields) {
            if (types.put(f.name(), f.type()) != null) {
                throw invalid("Table " + table + " declares field '" + f.name() + "' twice", table);
            }
        }
        if (keyFields == null || keyFields.isEmpty()) {
            throw invalid("Table " + table + " must have at least one key field", table);
        }
        List<String> key = new ArrayList<>(keyFields.size());
        Set<String> seen = new HashSet<>();
        for (String k : keyFields) {
            String field = k == null ? null : k.toLowerCase(Locale.ROOT);
            FieldType type = types.get(field);
            if (type == null) {
                throw invalid("Primary key field '" + k + "' of table " + table + " not specified as a field", table);
            }
            if (!type.keyAllowed()) {
                throw invalid("Fields of type '" + type.apiName() + "' cannot be a key field (table " + table
                        + ", field '" + field + "'); keys are string, integer or bytestring", table);
            }
            if (!seen.add(field)) {
                throw invalid("Primary key field '" + field + "' of table " + table + " is listed twice", table);
            }
            key.add(field);
        }
        keyFields = List.copyOf(key);
    }

    /** The field named {@code name} (exactly, as stored: lower-case), if the table has it. */
    public Optional<FieldDefinition> field(String name) {
        for (FieldDefinition f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static ControlException invalid(String message, String table) {
        return ControlNames.invalid(message, ResourceKind.CONTROL_TABLE, table);
    }
}
