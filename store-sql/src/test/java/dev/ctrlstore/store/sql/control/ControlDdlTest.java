package dev.ctrlstore.store.sql.control;

import dev.ctrlstore.store.control.FieldDefinition;
import dev.ctrlstore.store.control.FieldType;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema;
import dev.ctrlstore.store.sql.ledger.LedgerChange.ControlSchema.Op;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControlDdlTest {
    private static final List<FieldDefinition> FIELDS = List.of(new FieldDefinition("order", FieldType.INTEGER),
            new FieldDefinition("name", FieldType.STRING), new FieldDefinition("price", FieldType.DECIMAL),
            new FieldDefinition("body", FieldType.TEXT), new FieldDefinition("blob", FieldType.BINARY),
            new FieldDefinition("tag", FieldType.BYTESTRING));
    private static final ControlSchema CREATE = new ControlSchema(Op.CREATE_TABLE, 17, FIELDS,
            List.of("name", "order"));

    @Test
    @DisplayName("SQLite DDL: INTEGER, TEXT, REAL, BLOB; keys NOT NULL in key order; every identifier quoted")
    void sqlite() {
        assertThat(ControlDdl.sql(SQLDialect.SQLITE, CREATE)).containsExactly("create table `ct_17` (`order` integer"
                + " not null, `name` text not null, `price` real null, `body` text null, `blob` blob null, `tag` blob"
                + " null, primary key (`name`, `order`))");
        assertThat(ControlDdl.sql(SQLDialect.SQLITE, new ControlSchema(Op.ADD_FIELDS, 17, FIELDS.subList(2, 4),
                List.of()))).containsExactly("alter table `ct_17` add `price` real null",
                "alter table `ct_17` add `body` text null");
        assertThat(ControlDdl.sql(SQLDialect.SQLITE, new ControlSchema(Op.DROP_TABLE, 17, List.of(), List.of())))
                .containsExactly("drop table `ct_17`");
        assertThat(ControlDdl.sql(SQLDialect.SQLITE, new ControlSchema(Op.CLEAR_TABLE, 17, List.of(), List.of())))
                .containsExactly("delete from `ct_17`");
    }

    @Test
    @DisplayName("PostgreSQL DDL: BIGINT, TEXT, DOUBLE PRECISION, BYTEA; every identifier quoted")
    void postgres() {
        assertThat(ControlDdl.sql(SQLDialect.POSTGRES, CREATE)).containsExactly("create table \"ct_17\" (\"order\""
                + " bigint not null, \"name\" text not null, \"price\" double precision null, \"body\" text null,"
                + " \"blob\" bytea null, \"tag\" bytea null, primary key (\"name\", \"order\"))");
        assertThat(ControlDdl.sql(SQLDialect.POSTGRES, new ControlSchema(Op.ADD_FIELDS, 17, FIELDS.subList(4, 5),
                List.of()))).containsExactly("alter table \"ct_17\" add \"blob\" bytea null");
        assertThat(ControlDdl.sql(SQLDialect.POSTGRES, new ControlSchema(Op.DROP_TABLE, 3, List.of(), List.of())))
                .containsExactly("drop table \"ct_3\"");
    }

    @Test
    @DisplayName("a registry row parses back to its table; damaged JSON is a StorageException naming the table")
    void registryRow() {
        ControlTable table = new ControlTable(17, new dev.ctrlstore.store.control.TableDefinition("fam", "tbl",
                FIELDS, List.of("name", "order")), 2);
        String fields = ControlTable.fieldsJson(FIELDS);
        String key = ControlTable.keyFieldsJson(table.definition().keyFields());

        assertThat(fields).isEqualTo("[[\"order\",\"integer\"],[\"name\",\"string\"],[\"price\",\"decimal\"],"
                + "[\"body\",\"text\"],[\"blob\",\"binary\"],[\"tag\",\"bytestring\"]]");
        assertThat(key).isEqualTo("[\"name\",\"order\"]");
        assertThat(ControlTable.parse(17, "fam", "tbl", fields, key, 2)).isEqualTo(table);
        assertThat(table.physicalName()).isEqualTo("ct_17");
        assertThat(table.qualifiedName()).isEqualTo("fam.tbl");

        for (String[] bad : new String[][] {{"[[\"a\"]]", "[\"a\"]"}, {"{}", "[\"a\"]"},
                {"[[\"a\",\"money\"]]", "[\"a\"]"}, {"[[\"a\",\"string\"]]", "[\"b\"]"},
                {"[[\"a\",\"string\"]]", "[1]"}, {"[[\"a\",\"string\"]] x", "[\"a\"]"}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ControlTable.parse(5, "fam", "tbl", bad[0],
                    bad[1], 1)).as(bad[0] + " " + bad[1]).isInstanceOf(dev.ctrlstore.store.StorageException.class)
                    .hasMessageContaining("control table fam.tbl (id 5) has a damaged registry row");
        }
    }
}
