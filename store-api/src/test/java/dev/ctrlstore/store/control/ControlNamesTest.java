package dev.ctrlstore.store.control;

import dev.ctrlstore.store.ResourceKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ControlNamesTest {

    @Test
    @DisplayName("family and table names are lower-cased, then must be 3-30 / 3-50 letters, digits, single underscores")
    void familyAndTableNames() {
        assertThat(ControlNames.family("Feature_Flags")).isEqualTo("feature_flags");
        assertThat(ControlNames.family("abc")).isEqualTo("abc");
        assertThat(ControlNames.family("a".repeat(30))).hasSize(30);
        assertThat(ControlNames.table("Order_Items2")).isEqualTo("order_items2");
        assertThat(ControlNames.table("t".repeat(50))).hasSize(50);

        assertInvalid(() -> ControlNames.family("ab"), "Family names must be at least 3 characters", "ab");
        assertInvalid(() -> ControlNames.family("a".repeat(31)), "Family names can only be up to 30 characters",
                "a".repeat(31));
        assertInvalid(() -> ControlNames.family("a__b"), "single underscore", "a__b");
        assertInvalid(() -> ControlNames.family("1abc"), "starting with a letter", "1abc");
        assertInvalid(() -> ControlNames.family("_abc"), "Family names must be only letters", "_abc");
        assertInvalid(() -> ControlNames.family("ab-c"), "Family names must be only letters", "ab-c");
        assertInvalid(() -> ControlNames.family("abç"), "Family names must be only letters", "abç");
        assertInvalid(() -> ControlNames.family(null), "Family name is missing", null);
        assertInvalid(() -> ControlNames.table("t".repeat(51)), "Table names can only be up to 50 characters",
                "t".repeat(51));
        assertInvalid(() -> ControlNames.table("my table"), "Table names must be only letters", "my table");
    }

    @Test
    @DisplayName("field names are lower-cased, 1-64 characters, and may hold double underscores")
    void fieldNames() {
        assertThat(ControlNames.field("X")).isEqualTo("x");
        assertThat(ControlNames.field("Order")).isEqualTo("order");
        assertThat(ControlNames.field("a__b")).isEqualTo("a__b");
        assertThat(ControlNames.field("f".repeat(64))).hasSize(64);

        assertInvalid(() -> ControlNames.field(""), "Field names must be 1 to 64 characters", "");
        assertInvalid(() -> ControlNames.field("f".repeat(65)), "Field names must be 1 to 64 characters",
                "f".repeat(65));
        assertInvalid(() -> ControlNames.field("9lives"), "Field names must be only letters", "9lives");
        assertInvalid(() -> ControlNames.field("a.b"), "Field names must be only letters", "a.b");
    }

    @Test
    @DisplayName("writer names are any 3-50 characters, kept as given; secrets 3-100 and never in the message")
    void writersAndSecrets() {
        assertThat(ControlNames.writer("Ünïcode writer")).isEqualTo("Ünïcode writer");
        assertInvalid(() -> ControlNames.writer("ab"), "Writer names must be at least 3 characters", "ab");
        assertInvalid(() -> ControlNames.writer("w".repeat(51)), "up to 50 characters", "w".repeat(51));

        assertThat(ControlNames.secret("app", "abc")).isEqualTo("abc");
        ControlException shortSecret = catchThrowableOfType(ControlException.class,
                () -> ControlNames.secret("app", "xy"));
        assertThat(shortSecret.getMessage()).contains("at least 3").contains("'app'").doesNotContain("xy");
        ControlException longSecret = catchThrowableOfType(ControlException.class,
                () -> ControlNames.secret("app", "s".repeat(101)));
        assertThat(longSecret.getMessage()).contains("at most 100").doesNotContain("sss");
    }

    @Test
    @DisplayName("a table definition lower-cases every name and keeps the key in key order")
    void tableDefinitionNormalizes() {
        TableDefinition t = new TableDefinition("Flags", "Per_Customer",
                List.of(new FieldDefinition("Customer", FieldType.STRING), new FieldDefinition("Order",
                        FieldType.INTEGER), new FieldDefinition("Value", FieldType.TEXT)),
                List.of("ORDER", "customer"));

        assertThat(t.family()).isEqualTo("flags");
        assertThat(t.name()).isEqualTo("per_customer");
        assertThat(t.fields()).extracting(FieldDefinition::name).containsExactly("customer", "order", "value");
        assertThat(t.keyFields()).containsExactly("order", "customer");
        assertThat(t.field("value")).contains(new FieldDefinition("value", FieldType.TEXT));
        assertThat(t.field("missing")).isEmpty();
    }

    @Test
    @DisplayName("a table definition refuses a missing or bad key, duplicate fields and no fields, naming the table")
    void tableDefinitionKeyRules() {
        List<FieldDefinition> fields = List.of(new FieldDefinition("id", FieldType.BYTESTRING),
                new FieldDefinition("n", FieldType.INTEGER), new FieldDefinition("price", FieldType.DECIMAL),
                new FieldDefinition("body", FieldType.TEXT), new FieldDefinition("blob", FieldType.BINARY));
        assertThat(new TableDefinition("fam", "tbl", fields, List.of("id", "n")).keyFields())
                .containsExactly("id", "n");

        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of()), "must have at least one key field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, null), "must have at least one key field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of("nope")),
                "Primary key field 'nope' of table fam.tbl not specified as a field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of("price")),
                "Fields of type 'decimal' cannot be a key field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of("body")),
                "Fields of type 'text' cannot be a key field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of("blob")),
                "Fields of type 'binary' cannot be a key field");
        assertTable(() -> new TableDefinition("fam", "tbl", fields, List.of("id", "ID")), "listed twice");
        assertTable(() -> new TableDefinition("fam", "tbl", List.of(), List.of("id")), "has no fields");
        assertTable(() -> new TableDefinition("fam", "tbl",
                List.of(new FieldDefinition("a", FieldType.STRING), new FieldDefinition("A", FieldType.TEXT)),
                List.of("a")), "declares field 'a' twice");
        assertInvalid(() -> new FieldDefinition("a", null), "Field 'a' has no type", "a");
        assertInvalid(() -> new TableDefinition("f", "tbl", fields, List.of("id")), "Family names", "f");
    }

    private static void assertTable(Executable make, String message) {
        ControlException e = catchThrowableOfType(ControlException.class, make::execute);
        assertThat(e).as(message).isNotNull();
        assertThat(e.reason()).isEqualTo(ControlException.Reason.INVALID);
        assertThat(e.getMessage()).contains(message).contains("fam.tbl");
        assertThat(e.resource()).isEqualTo(ResourceKind.CONTROL_TABLE);
    }

    private static void assertInvalid(Executable check, String message, String id) {
        ControlException e = catchThrowableOfType(ControlException.class, check::execute);
        assertThat(e).as(message).isNotNull();
        assertThat(e.reason()).isEqualTo(ControlException.Reason.INVALID);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.id()).isEqualTo(id);
    }
}
