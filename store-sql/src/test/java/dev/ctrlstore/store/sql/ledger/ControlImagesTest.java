package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.Change;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema.Op;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Control tables in the ledger: schema changes as structured data, rows with self-describing values. */
class ControlImagesTest {
    private static final List<FieldDefinition> FIELDS = List.of(new FieldDefinition("order", FieldType.INTEGER),
            new FieldDefinition("name", FieldType.STRING), new FieldDefinition("price", FieldType.DECIMAL),
            new FieldDefinition("body", FieldType.TEXT), new FieldDefinition("blob", FieldType.BINARY),
            new FieldDefinition("tag", FieldType.BYTESTRING));

    @Test
    @DisplayName("ct_<id> is replicated; other names that look alike are not control tables")
    void controlTablesAreReplicated() {
        assertThat(ReplicationPolicy.of("ct_17")).isEqualTo(ReplicationPolicy.Kind.REPLICATED);
        assertThat(ReplicationPolicy.controlTableId("ct_17")).isEqualTo(17);
        assertThat(ReplicationPolicy.controlTableId("ct_0")).isZero();
        for (String other : List.of("ct_", "ct_01", "ct_1a", "ct_-1", "xct_1", "CT_1", "ct_1234567890123456789")) {
            assertThat(ReplicationPolicy.controlTableId(other)).as(other).isEqualTo(-1);
            assertThatThrownBy(() -> ReplicationPolicy.of(other)).as(other)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not classified");
        }
    }

    @Test
    @DisplayName("every schema change encodes to the documented JSON and decodes to itself")
    void schemaChangesRoundTrip() {
        List<LedgerChange> changes = List.of(
                new ControlSchema(Op.CREATE_TABLE, 17, FIELDS, List.of("name", "order")),
                new ControlSchema(Op.ADD_FIELDS, 17, List.of(new FieldDefinition("extra", FieldType.TEXT)),
                        List.of()),
                new ControlSchema(Op.CLEAR_TABLE, 17, List.of(), List.of()),
                new ControlSchema(Op.DROP_TABLE, 17, List.of(), List.of()));

        String json = RowImages.encode(changes);

        assertThat(json).isEqualTo("[{\"op\":\"createTable\",\"id\":17,\"fields\":[[\"order\",\"integer\"],"
                + "[\"name\",\"string\"],[\"price\",\"decimal\"],[\"body\",\"text\"],[\"blob\",\"binary\"],"
                + "[\"tag\",\"bytestring\"]],\"key\":[\"name\",\"order\"]},"
                + "{\"op\":\"addFields\",\"id\":17,\"fields\":[[\"extra\",\"text\"]]},"
                + "{\"op\":\"clearTable\",\"id\":17},{\"op\":\"dropTable\",\"id\":17}]");
        assertThat(RowImages.decode(json)).isEqualTo(changes);
    }

    @Test
    @DisplayName("control rows keep every value's type: 2^53+1 as Long, whole doubles as Double, bytes as bytes")
    void rowValuesRoundTrip() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order", (1L << 53) + 1);
        row.put("name", "caf\u00e9 \"\u2603\" {\"b64\":\"x\"}");
        row.put("price", 2.0);
        row.put("body", null);
        row.put("blob", new byte[] {0, -1, 7});
        row.put("tag", new byte[0]);
        Map<String, Object> other = new LinkedHashMap<>(row);
        other.put("order", Long.MIN_VALUE);
        other.put("price", -0.0);
        other.put("body", "");
        other.put("blob", null);
        other.put("tag", new byte[] {1});
        List<LedgerChange> changes = List.of(new LedgerChange.Upsert("ct_17", row),
                new LedgerChange.Upsert("ct_17", other),
                new LedgerChange.Delete("ct_17", Map.of("order", Long.MAX_VALUE)));

        String json = RowImages.encode(changes);
        List<LedgerChange> decoded = RowImages.decode(json);

        assertThat(json).contains("\"order\":9007199254740993", "\"price\":2.0", "\"blob\":{\"b64\":\"AP8H\"}",
                "\"tag\":{\"b64\":\"\"}");
        assertThat(decoded).hasSize(3);
        assertSameRow(((LedgerChange.Upsert) decoded.get(0)).row(), row);
        assertSameRow(((LedgerChange.Upsert) decoded.get(1)).row(), other);
        assertThat(((LedgerChange.Upsert) decoded.get(1)).row().get("price")).isEqualTo(-0.0);
        assertThat(decoded.get(2)).isEqualTo(changes.get(2));
    }

    private static void assertSameRow(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            Object a = actual.get(k);
            if (v instanceof byte[] bytes) {
                assertThat(a).as(k).isInstanceOf(byte[].class);
                assertThat(Arrays.equals((byte[]) a, bytes)).as(k).isTrue();
            } else {
                assertThat(a).as(k).isEqualTo(v);
                if (v != null) {
                    assertThat(a).as(k).isExactlyInstanceOf(v.getClass());
                }
            }
        });
    }

    @Test
    @DisplayName("a session's control changes pass into the ledger as they are, in order with the others")
    void controlChangesPassThrough() {
        ControlSchema create = new ControlSchema(Op.CREATE_TABLE, 3, FIELDS, List.of("order"));
        LedgerChange.Delete delete = new LedgerChange.Delete("ct_3", Map.of("order", 1L));

        List<LedgerChange> images = RowImages.of(List.of(
                new Change(DSL.table(DSL.quotedName("ct_3")), Change.Operation.CONTROL, null, null, create),
                new Change(DSL.table(DSL.quotedName("ct_3")), Change.Operation.CONTROL, null, null, delete)));

        assertThat(images).containsExactly(create, delete);
    }

    @Test
    @DisplayName("values a control row cannot hold are refused when encoding, naming the table and column")
    void encodeRefusesOtherValues() {
        for (Object bad : List.of(1, true, Double.NaN, Double.POSITIVE_INFINITY, new java.math.BigDecimal("1"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", bad);
            assertThatThrownBy(() -> RowImages.encode(List.of(new LedgerChange.Upsert("ct_4", row)))).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ct_4 column x");
        }
    }

    @Test
    @DisplayName("a damaged control change is refused with the change's index and what is wrong")
    void decodeRefusesDamage() {
        assertBad("[{\"t\":\"ct_1\",\"op\":\"upsert\",\"row\":{\"a\":{\"hex\":\"00\"}}}]", "other than {\"b64\"");
        assertBad("[{\"t\":\"ct_1\",\"op\":\"upsert\",\"row\":{\"a\":{\"b64\":\"!!\"}}}]", "is not base64");
        assertBad("[{\"t\":\"ct_1\",\"op\":\"upsert\",\"row\":{\"a\":9223372036854775808}}]",
                "outside a signed 64-bit integer");
        assertBad("[{\"t\":\"ct_1\",\"op\":\"upsert\",\"row\":{\"a\":[1]}}]", "ct_1.a holds START_ARRAY");
        assertBad("[{\"t\":\"ct_1\",\"op\":\"upsert\",\"row\":{\"a\":true}}]", "ct_1.a holds VALUE_TRUE");
        assertBad("[{\"op\":\"createTable\",\"id\":1,\"fields\":[[\"a\",\"string\"]]}]", "(createTable) has no key");
        assertBad("[{\"op\":\"createTable\",\"id\":1,\"key\":[\"a\"]}]", "(createTable) has no fields");
        assertBad("[{\"op\":\"createTable\",\"id\":1,\"fields\":[[\"a\",\"string\"]],\"key\":[\"b\"]}]",
                "key field b, which is not one of its fields");
        assertBad("[{\"op\":\"createTable\",\"id\":1,\"fields\":[[\"a\",\"money\"]],\"key\":[\"a\"]}]",
                "Type 'money' unknown");
        assertBad("[{\"op\":\"createTable\",\"id\":1,\"fields\":[[\"a\"]],\"key\":[\"a\"]}]", "[name, type]");
        assertBad("[{\"op\":\"dropTable\"}]", "(dropTable) has no table id");
        assertBad("[{\"op\":\"clearTable\",\"id\":1,\"fields\":[[\"a\",\"text\"]]}]", "which it does not take");
        assertBad("[{\"op\":\"addFields\",\"id\":1,\"fields\":[]}]", "(addFields) has no fields");
    }

    private static void assertBad(String json, String message) {
        assertThatThrownBy(() -> RowImages.decode(json)).as(json).isInstanceOf(StorageException.class)
                .hasMessageContaining("change 0").hasMessageContaining(message);
    }
}
