package dev.ctrlstore.store.control;

/**
 * One field of a control table.
 *
 * @param name lower-cased on construction; letters, digits and underscores, starting with a letter, 1–64 characters
 * @param type its type
 */
public record FieldDefinition(String name, FieldType type) {
    // Validation (ctlstore's naming rules) on construction: see ControlNames.
}
