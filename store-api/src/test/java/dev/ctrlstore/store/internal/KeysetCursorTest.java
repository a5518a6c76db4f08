package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.admin.AuditQuery;
import dev.ctrlstore.store.admin.TenantFilter;
import dev.ctrlstore.store.admin.TenantStatus;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.instance.InstanceFilter;
import dev.ctrlstore.store.instance.InstanceState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ctrlstore.store.internal.ChecksTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetCursorTest {
    private static final TenantId TENANT = TenantId.generate();
    private static final TenantId OTHER = TenantId.generate();
    private static final InstanceId INSTANCE = InstanceId.generate();
    private static final KeysetCursor.Scope ALL = KeysetCursor.Scope.instances(TENANT, InstanceFilter.all());
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    @DisplayName("encode then decode in the same scope returns the same key and id; the text is URL-safe")
    void roundTrip() {
        for (KeysetCursor c : List.of(new KeysetCursor(1_773_500_966_535_897L, "inst_01h455vb4pex5vsknk084sn02q"),
                new KeysetCursor(0L, "x"), new KeysetCursor(-5L, "aud_1"), new KeysetCursor(Long.MAX_VALUE, "id"),
                new KeysetCursor(Long.MIN_VALUE, "ü🚀"))) {
            String text = c.encode(ALL);
            assertThat(text).matches("[A-Za-z0-9_-]+");
            assertThat(KeysetCursor.decode(text, ALL)).isEqualTo(c);
        }
    }

    @Test
    @DisplayName("text that is not a cursor fails on field cursor, showing the text and the way out")
    void garbageRejected() {
        String body = "c2|instances|" + ALL.digest() + "|12|inst_1";
        List<String> garbage = List.of("garbage!", "%%%", "a", "====", encode("hello"), encode(body),
                encode(body + "|"), encode(body + "|AAAAAAAAAAAA"), encode("c1|instances|12|inst_1"), encode(""));
        for (String text : garbage) {
            InvalidArgumentException e = invalid(() -> KeysetCursor.decode(text, ALL), "cursor");
            assertThat(e.getMessage()).as(text).contains("not valid for listing instances")
                    .contains("not a cursor").contains("nextCursor");
        }
    }

    @Test
    @DisplayName("every cursor with one character changed, cut short or lengthened is rejected")
    void everyEditRejected() {
        String valid = new KeysetCursor(1_773_500_966_535_897L, "inst_01h455vb4pex5vsknk084sn02q").encode(ALL);
        for (int i = 0; i < valid.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != valid.charAt(i)) {
                    String edited = valid.substring(0, i) + c + valid.substring(i + 1);
                    invalid(() -> KeysetCursor.decode(edited, ALL), "cursor");
                }
            }
            String cut = valid.substring(0, i);
            if (!cut.isEmpty()) {
                invalid(() -> KeysetCursor.decode(cut, ALL), "cursor");
            }
        }
        invalid(() -> KeysetCursor.decode(valid + "A", ALL), "cursor");
        invalid(() -> KeysetCursor.decode(valid + "=", ALL), "cursor");
    }

    @Test
    @DisplayName("a cursor of another list fails on field cursor, naming the list that issued it")
    void wrongListRejected() {
        String deployments = new KeysetCursor(12L, "dep_1").encode(KeysetCursor.Scope.deployments(TENANT, INSTANCE));

        InvalidArgumentException e = invalid(() -> KeysetCursor.decode(deployments, ALL), "cursor");

        assertThat(e.getMessage()).contains("listing instances").contains("issued by the deployments list");
    }

    @Test
    @DisplayName("a cursor of another tenant or filter fails on field cursor, saying what the walk is bound to")
    void wrongScopeRejected() {
        String cursor = new KeysetCursor(12L, "inst_1").encode(ALL);
        for (KeysetCursor.Scope other : List.of(KeysetCursor.Scope.instances(OTHER, InstanceFilter.all()),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withState(InstanceState.RUNNING)),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withDatacenterId("")),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withLabels(Map.of("a", "b"))))) {
            InvalidArgumentException e = invalid(() -> KeysetCursor.decode(cursor, other), "cursor");
            assertThat(e.getMessage()).contains("issued for another tenant and filter")
                    .contains("with the same tenant and filter");
        }
    }

    @Test
    @DisplayName("scopes are equal exactly when list and values are: label order does not matter, absent is not empty")
    void scopesDigestValues() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withLabels(ab)))
                .isEqualTo(KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withLabels(ba)));

        List<KeysetCursor.Scope> distinct = List.of(ALL,
                KeysetCursor.Scope.instances(OTHER, InstanceFilter.all()),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withProviderName("")),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withDatacenterId("")),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withLabels(Map.of("a1", ""))),
                KeysetCursor.Scope.instances(TENANT, InstanceFilter.all().withLabels(Map.of("a", "1"))),
                KeysetCursor.Scope.deployments(TENANT, INSTANCE),
                KeysetCursor.Scope.releases(TENANT, INSTANCE),
                KeysetCursor.Scope.tenants(TenantFilter.all()),
                KeysetCursor.Scope.tenants(TenantFilter.all().withStatus(TenantStatus.ACTIVE)),
                KeysetCursor.Scope.audit(TENANT, AuditQuery.all()),
                KeysetCursor.Scope.audit(TENANT, AuditQuery.all().withSince(Instant.EPOCH)),
                KeysetCursor.Scope.audit(TENANT, AuditQuery.all().withUntil(Instant.EPOCH)),
                KeysetCursor.Scope.audit(TENANT, AuditQuery.all().withActorId("x")),
                KeysetCursor.Scope.audit(TENANT, AuditQuery.all().withResource("x")));
        assertThat(distinct.stream().map(KeysetCursor.Scope::digest).distinct()).hasSameSizeAs(distinct);
    }

    @Test
    @DisplayName("an id that is empty or holds the separator cannot be put in a cursor")
    void idChecked() {
        assertThatThrownBy(() -> new KeysetCursor(1L, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeysetCursor(1L, "a|b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a long bad cursor is abbreviated in the message")
    void longCursorAbbreviated() {
        String text = "z".repeat(5_000) + "!";
        assertThat(invalid(() -> KeysetCursor.decode(text, ALL), "cursor").getMessage())
                .contains("z".repeat(37) + "...").doesNotContain("z".repeat(38)).hasSizeLessThan(400);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
