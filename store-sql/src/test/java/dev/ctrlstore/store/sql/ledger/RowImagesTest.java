package dev.ctrlstore.store.sql.ledger;

import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.ReleaseId;
import dev.ctrlstore.store.id.SecretId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.jooq.tables.records.InstanceLabelsRecord;
import dev.ctrlstore.store.jooq.tables.records.InstancesRecord;
import dev.ctrlstore.store.jooq.tables.records.ReleasesRecord;
import dev.ctrlstore.store.jooq.tables.records.SecretsRecord;
import dev.ctrlstore.store.sql.Change;
import dev.ctrlstore.store.sql.Change.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ctrlstore.store.jooq.Tables.INSTANCES;
import static dev.ctrlstore.store.jooq.Tables.INSTANCE_LABELS;
import static dev.ctrlstore.store.jooq.Tables.METRICS;
import static dev.ctrlstore.store.jooq.Tables.RELEASES;
import static dev.ctrlstore.store.jooq.Tables.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowImagesTest {
    private static final TenantId TENANT = TenantId.generate();
    private static final InstanceId INSTANCE = InstanceId.generate();
    private static final Instant SUSPENDED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private static InstancesRecord instance() {
        InstancesRecord r = INSTANCES.newRecord();
        r.setId(INSTANCE);
        r.setTenantId(TENANT);
        r.setName("shop \"eu\" \u00e9\u2603");
        r.setSlug("shop");
        r.setDatacenterId("dc1");
        r.setProviderName("fly");
        r.setProviderRef("");
        r.setServiceRefs(Map.of("web", "svc-1"));
        r.setRegion("eu");
        r.setState(InstanceState.RUNNING);
        r.setKind(dev.ctrlstore.store.spec.WorkloadKind.values()[0]);
        r.setServices(List.of());
        r.setSource(null);
        r.setEndpoints(List.of());
        r.setLabels(Map.of("team", "storefront"));
        r.setCurrentReleaseId(null);
        r.setSuspendedAt(SUSPENDED);
        r.setCreatedAt(SUSPENDED.minusSeconds(60));
        r.setUpdatedAt(SUSPENDED);
        r.setVersion(Long.MAX_VALUE);
        return r;
    }

    @Test
    @DisplayName("an upsert holds every column's database value: micros, id text, JSON text, in column order")
    void upsertHoldsDatabaseValues() {
        List<LedgerChange> images = RowImages.of(List.of(new Change(INSTANCES, Operation.INSERT, instance(), null)));

        assertThat(images).hasSize(1);
        LedgerChange.Upsert upsert = (LedgerChange.Upsert) images.get(0);
        assertThat(upsert.table()).isEqualTo("instances");
        assertThat(upsert.row().keySet()).containsExactlyElementsOf(
                Arrays.stream(INSTANCES.fields()).map(f -> f.getName()).toList());
        assertThat(upsert.row().get("id")).isEqualTo(INSTANCE.value());
        assertThat(upsert.row().get("suspended_at")).isEqualTo(1767323045123456L);
        assertThat(upsert.row().get("labels")).isEqualTo("{\"team\":\"storefront\"}");
        assertThat(upsert.row().get("state")).isInstanceOf(String.class);
        assertThat(upsert.row().get("source")).isNull();
        assertThat(upsert.row().get("version")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("images survive encode and decode, each value typed by its generated column")
    void roundTrip() {
        ReleasesRecord release = RELEASES.newRecord();
        release.setId(ReleaseId.generate());
        release.setTenantId(TENANT);
        release.setInstanceId(INSTANCE);
        release.setReleaseVersion(7);
        release.setServices(List.of());
        release.setNotes(null);
        release.setCommitSha("abc");
        release.setActive(true);
        release.setCreatedAt(SUSPENDED);
        InstanceLabelsRecord label = INSTANCE_LABELS.newRecord();
        label.setTenantId(TENANT);
        label.setInstanceId(INSTANCE);
        label.setLabelKey("team");
        label.setLabelValue("x");
        InstancesRecord deleted = INSTANCES.newRecord();
        deleted.setId(INSTANCE);
        deleted.setTenantId(TENANT);

        List<LedgerChange> images = new ArrayList<>(RowImages.of(List.of(
                new Change(INSTANCES, Operation.INSERT, instance(), null),
                new Change(RELEASES, Operation.UPDATE, release, null),
                new Change(INSTANCE_LABELS, Operation.DELETE, label, null),
                new Change(INSTANCES, Operation.DELETE, deleted, null))));
        images.add(new LedgerChange.Migrate(5));

        List<LedgerChange> decoded = RowImages.decode(RowImages.encode(images));

        assertThat(decoded).isEqualTo(images);
        assertThat(((LedgerChange.Upsert) decoded.get(1)).row().get("release_version")).isInstanceOf(Integer.class);
        assertThat(((LedgerChange.Upsert) decoded.get(1)).row().get("active")).isEqualTo(true);
        assertThat(((LedgerChange.Upsert) decoded.get(0)).row().get("version")).isEqualTo(Long.MAX_VALUE);
        assertThat(decoded.get(2)).isEqualTo(new LedgerChange.Delete("instance_labels",
                Map.of("tenant_id", TENANT.value(), "instance_id", INSTANCE.value(), "label_key", "team")));
        assertThat(decoded.get(3)).as("a delete holds the primary key only, not the tenant")
                .isEqualTo(new LedgerChange.Delete("instances", Map.of("id", INSTANCE.value())));
    }

    @Test
    @DisplayName("secrets and history leave no image; a purge of history is fine")
    void nonReplicatedTablesAreLeftOut() {
        SecretsRecord secret = SECRETS.newRecord();
        secret.setId(SecretId.generate());
        secret.setTenantId(TENANT);
        secret.setCiphertext(new byte[] {1, 2, 3});
        assertThat(RowImages.of(List.of(new Change(SECRETS, Operation.INSERT, secret, null),
                new Change(METRICS, Operation.PURGE, null, METRICS.TENANT_ID.eq(TENANT))))).isEmpty();
    }

    @Test
    @DisplayName("a purge of a replicated table is refused: a replica could not follow it")
    void purgeOfReplicatedTableIsRefused() {
        assertThatThrownBy(() -> RowImages.of(List.of(new Change(INSTANCES, Operation.PURGE, null,
                INSTANCES.TENANT_ID.eq(TENANT)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purge of instances");
    }

    @Test
    @DisplayName("decoding refuses unknown or never-replicated tables, unknown columns and mistyped values")
    void decodeRefusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"widgets\",\"op\":\"upsert\",\"row\":{}}]"))
                .isInstanceOf(StorageException.class).hasMessageContaining("table widgets")
                .hasMessageContaining("upgrade the reader");
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"secrets\",\"op\":\"upsert\",\"row\":{}}]"))
                .isInstanceOf(StorageException.class).hasMessageContaining("secrets, which is never replicated");
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"instances\",\"op\":\"upsert\",\"row\":{\"colour\":1}}]"))
                .isInstanceOf(StorageException.class).hasMessageContaining("column instances.colour");
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"instances\",\"op\":\"upsert\",\"row\":{\"version\":\"1\"}}]"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("instances.version holds VALUE_STRING where its column takes a Long");
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"instances\",\"op\":\"drop\",\"row\":{}}]"))
                .isInstanceOf(StorageException.class).hasMessageContaining("unknown op \"drop\"");
        assertThatThrownBy(() -> RowImages.decode("[{\"t\":\"instances\",\"op\":\"delete\",\"row\":{}}]"))
                .isInstanceOf(StorageException.class).hasMessageContaining("has no key");
        assertThatThrownBy(() -> RowImages.decode("{"))
                .isInstanceOf(StorageException.class).hasMessageContaining("cannot be read");
    }

    @Test
    @DisplayName("doubles that JSON cannot write and bytes travel as text")
    void specialValuesEncode() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("nan", Double.NaN);
        row.put("bytes", new byte[] {(byte) 0xff, 0});
        row.put("none", null);
        assertThat(RowImages.encode(List.of(new LedgerChange.Upsert("t", row))))
                .isEqualTo("[{\"t\":\"t\",\"op\":\"upsert\",\"row\":{\"nan\":\"NaN\",\"bytes\":\"/wA=\",\"none\":null}}]");
    }
}
