package dev.ctrlstore.store.control;

import dev.ctrlstore.store.ResourceKind;

/**
 * One field of a control table.
 *
 * @param name lower-cased on construction; letters, digits and underscores, starting with a letter, 1–64 characters
 * @param type its type
 * @throws ControlException ({@link ControlException.Reason#INVALID}) for a name outside the rules or no type
 */
public record FieldDefinition(String name, FieldType type) {
    public FieldDefinition {
        name = ControlNames.field(name);
        if (type == null) {
            throw ControlNames.invalid("Field '" + name + "' has no type; the types are string, integer, decimal,"
                    + " text, binary and bytestring", ResourceKind.CONTROL_TABLE, name);
        }
    }
}
