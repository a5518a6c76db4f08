package dev.ctrlstore.store.sql;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hot-path statement is checked when it is made, so a mistake fails at class loading, not on some later call. */
class PreparedTest {
    private static final Param<TenantId> TENANT = DSL.param("tenantId", INSTANCES.TENANT_ID);
    private static final Param<InstanceId> ID = DSL.param("id", INSTANCES.ID);

    @Test
    void parametersMustBeGivenInTheOrderOfTheSql() {
        assertThatThrownBy(() -> Prepared.query("byId", DSL.select(INSTANCES.ID).from(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(TENANT), INSTANCES.ID.eq(ID)), ID, TENANT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byId")
                .hasMessageContaining("[tenantId, id]");
    }

    @Test
    void everyParameterMustBeGiven() {
        assertThatThrownBy(() -> Prepared.query("byId", DSL.select(INSTANCES.ID).from(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(TENANT), INSTANCES.ID.eq(ID)), TENANT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got [tenantId]");
    }

    @Test
    void aQueryMustNameTheFieldsItSelects() {
        assertThatThrownBy(() -> Prepared.query("all", DSL.select().from(INSTANCES).where(INSTANCES.ID.eq(ID)), ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must name the fields it selects");
    }

    @Test
    void columnsAreFoundByFieldAndAnUnselectedFieldIsRefused() {
        Prepared p = Prepared.query("slugs", DSL.select(INSTANCES.ID, INSTANCES.SLUG).from(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(TENANT)), TENANT);
        assertThat(p.column(INSTANCES.SLUG)).isEqualTo(2);
        assertThat(p.column(INSTANCES.ID)).isEqualTo(1);
        assertThat(p.column(INSTANCES.SLUG)).isEqualTo(2);
        assertThatThrownBy(() -> p.column(INSTANCES.NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slugs does not select");
    }

    @Test
    void aReadByKeySelectsEveryColumnAndTakesItsValuesInKeyOrder() {
        Prepared p = Prepared.byKey("bySlug", INSTANCES, INSTANCES.TENANT_ID, INSTANCES.SLUG);

        assertThat(p.fields()).containsExactly(INSTANCES.fields());
        assertThat(p.params()).extracting(Param::getParamName).containsExactly("tenant_id", "slug");
        assertThat(new PreparedJdbc(SQLDialect.SQLITE, new Settings().withRenderSchema(false)).sql(p))
                .containsSubsequence("where", "tenant_id", "= ?", "slug", "= ?");
    }

    @Test
    void theSqlIsRenderedPerDialectWithPlaceholders() {
        Prepared p = Prepared.query("byId", DSL.select(INSTANCES.ID).from(INSTANCES)
                .where(INSTANCES.TENANT_ID.eq(TENANT), INSTANCES.ID.eq(ID)), TENANT, ID);
        Settings settings = new Settings().withRenderSchema(false);
        for (SQLDialect dialect : new SQLDialect[] {SQLDialect.SQLITE, SQLDialect.POSTGRES}) {
            String sql = new PreparedJdbc(dialect, settings).sql(p);
            assertThat(sql).as(dialect.name()).startsWith("select").contains("instances").doesNotContain("tenantId");
            assertThat(sql.chars().filter(c -> c == '?').count()).as(dialect.name()).isEqualTo(2);
        }
    }
}
