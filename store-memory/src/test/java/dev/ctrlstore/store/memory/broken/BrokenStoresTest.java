package dev.ctrlstore.store.memory.broken;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The kit's own test: each deliberately broken store must fail exactly the contract rules aimed at its defect and
 * pass every other rule. A rule that no broken store can fail would be a test that cannot fail.
 */
class BrokenStoresTest {

    @Test
    @DisplayName("a store that ignores the tenant on get fails exactly the instance isolation rule for get")
    void tenantBlind() {
        assertOnlyRulesFail(TenantBlindStoreKit.class, RULES_TENANT_BLIND);
    }

    @Test
    @DisplayName("a store whose list order is unstable fails exactly the instance ordering rules")
    void unstableOrder() {
        assertOnlyRulesFail(UnstableOrderStoreKit.class, RULES_UNSTABLE_ORDER);
    }

    @Test
    @DisplayName("a store whose cursor loses the id tie-breaker fails exactly the paging-with-ties rules")
    void lostTieBreaker() {
        assertOnlyRulesFail(LostTieBreakerStoreKit.class, RULES_LOST_TIE_BREAKER);
    }

    @Test
    @DisplayName("a store whose cursors ignore tenant and filter fails exactly the cursor-binding rules")
    void scopeBlindCursor() {
        assertOnlyRulesFail(ScopeBlindCursorStoreKit.class, RULES_SCOPE_BLIND_CURSOR);
    }

    @Test
    @DisplayName("a store that counts every page fails exactly the total-only-when-asked rule")
    void alwaysCounting() {
        assertOnlyRulesFail(AlwaysCountingStoreKit.class, RULES_ALWAYS_COUNTING);
    }

    @Test
    @DisplayName("a store that swallows NotFound on delete fails exactly the delete rule")
    void swallowedNotFound() {
        assertOnlyRulesFail(SwallowedNotFoundStoreKit.class, RULES_SWALLOWED_NOT_FOUND);
    }

    @Test
    @DisplayName("a store that hands out its internal list fails exactly the copy rule for that list")
    void aliasing() {
        assertOnlyRulesFail(AliasingStoreKit.class, RULES_ALIASING);
    }

    @Test
    @DisplayName("deployments: a store that counts releases for the next version fails exactly the version-gap rule")
    void gappedReleaseVersion() {
        assertOnlyRulesFail(GappedReleaseVersionStoreKit.class, RULES_GAPPED_RELEASE_VERSION);
    }

    @Test
    @DisplayName("health: a store that lists checks newest first fails exactly the check-order rules")
    void newestFirstChecks() {
        assertOnlyRulesFail(NewestFirstChecksStoreKit.class, RULES_NEWEST_FIRST_CHECKS);
    }

    @Test
    @DisplayName("telemetry: a store whose purge reports 0 deleted rows fails exactly the purge-count rules")
    void uncountedPurge() {
        assertOnlyRulesFail(UncountedPurgeStoreKit.class, RULES_UNCOUNTED_PURGE);
    }

    @Test
    @DisplayName("network: a store that lower-cases a hostname lookup fails exactly the hostname lookup rule")
    void caseFoldingHostname() {
        assertOnlyRulesFail(CaseFoldingHostnameStoreKit.class, RULES_CASE_FOLDING_HOSTNAME);
    }

    @Test
    @DisplayName("secrets: a store that lists keys ignoring case fails exactly the key-order rule")
    void caseInsensitiveSecretOrder() {
        assertOnlyRulesFail(CaseInsensitiveSecretOrderStoreKit.class, RULES_CASE_INSENSITIVE_SECRET_ORDER);
    }

    @Test
    @DisplayName("admin: a store that counts tenants of any status fails exactly the count-by-status rule")
    void statusBlindCount() {
        assertOnlyRulesFail(StatusBlindCountStoreKit.class, RULES_STATUS_BLIND_COUNT);
    }

    @Test
    @DisplayName("secrets: a store whose count leaks a raw exception fails exactly the rules that count secrets, each"
            + " failure naming its rule and the exception")
    void driverError() {
        EngineExecutionResults results = assertOnlyRulesFail(DriverErrorStoreKit.class, RULES_DRIVER_ERROR);
        for (Event e : results.testEvents().failed().list()) {
            assertThat(e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage).orElse(""))
                    .as("the failure message of %s", e.getTestDescriptor().getDisplayName())
                    .contains(": the store threw java.lang.IllegalStateException: I/O error on socket");
        }
    }

    @Test
    @DisplayName("the real memory store, run through the same engine, fails no rule")
    void realStorePasses() {
        EngineExecutionResults results = run(MemoryStoreKit.class);
        assertThat(failedRules(results)).as("failures:%n%s", failures(results)).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isGreaterThan(150);
    }

    /** get across tenants (I-8a), and the get that follows a rejected reuse of another tenant's id (I-4b). */
    private static final Set<String> RULES_TENANT_BLIND = Set.of("I-4b", "I-8a");
    /** Every rule that checks the order of a list: filters (I-9), ordering (I-10), paging in order (I-11a, b). */
    private static final Set<String> RULES_UNSTABLE_ORDER =
            Set.of("I-9a", "I-9b", "I-9c", "I-10a", "I-10b", "I-11a", "I-11b", "P-1");
    /**
     * Paging over items that share createdAt (I-11b to e) and I-13, which checks its inserts by walking the list;
     * I-11a, whose items all have distinct createdAt, still passes.
     */
    private static final Set<String> RULES_LOST_TIE_BREAKER =
            Set.of("I-11b", "I-11c", "I-11d", "I-11e", "I-13", "P-1", "P-2", "P-8");
    /** A cursor of another tenant (P-3) or another filter (P-4) of the instances list is accepted. */
    private static final Set<String> RULES_SCOPE_BLIND_CURSOR = Set.of("P-3", "P-4");
    /** Pages carry a total nobody asked for. */
    private static final Set<String> RULES_ALWAYS_COUNTING = Set.of("P-7");
    /** Every rule that deletes a missing or foreign instance. */
    private static final Set<String> RULES_SWALLOWED_NOT_FOUND = Set.of("I-7", "I-8c", "I-15");
    /** The copy rule for network lists. */
    private static final Set<String> RULES_ALIASING = Set.of("N-12");
    /** The next-version rule, whose instance has versions 1 and 5 (a gap). */
    private static final Set<String> RULES_GAPPED_RELEASE_VERSION = Set.of("D-23");
    /** The check-order rule; H-6b compares lists of one check only. */
    private static final Set<String> RULES_NEWEST_FIRST_CHECKS = Set.of("H-6a");
    /** Every rule that checks what a purge returns: T-15a, T-15b, T-16, and T-17a's purge of a whole batch. */
    private static final Set<String> RULES_UNCOUNTED_PURGE = Set.of("T-15a", "T-15b", "T-16", "T-17a", "V-6");
    /** The malformed-hostname lookup rule (uppercase must be rejected, not folded). */
    private static final Set<String> RULES_CASE_FOLDING_HOSTNAME = Set.of("N-7b", "V-4");
    /** The key-order rule (ordinal: {@code B} < {@code _} < {@code a}). */
    private static final Set<String> RULES_CASE_INSENSITIVE_SECRET_ORDER = Set.of("S-6");
    /** The status count rule. */
    private static final Set<String> RULES_STATUS_BLIND_COUNT = Set.of("A-10");
    /** Every secrets rule that calls count, most of them to check that nothing was written. */
    private static final Set<String> RULES_DRIVER_ERROR = Set.of("S-1", "S-2b", "S-8a", "S-8b", "S-10", "S-11",
            "S-12", "S-14a", "S-16", "S-17", "S-18b", "S-18c", "S-18d", "S-19", "S-21a", "S-21b", "S-22", "S-23",
            "S-24", "S-26");

    private static EngineExecutionResults assertOnlyRulesFail(Class<?> kit, Set<String> expectedRules) {
        EngineExecutionResults results = run(kit);
        assertThat(failedRules(results)).as("contract rules failed by %s:%n%s", kit.getSimpleName(), failures(results))
                .containsExactlyInAnyOrderElementsOf(expectedRules);
        assertThat(results.testEvents().succeeded().count()).as("rules %s still passes", kit.getSimpleName())
                .isGreaterThan(150);
        for (Event e : results.testEvents().failed().list()) {
            String rule = e.getTestDescriptor().getDisplayName().split(" ", 2)[0];
            assertThat(e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage).orElse(""))
                    .as("the failure message of %s under %s", e.getTestDescriptor().getDisplayName(),
                            kit.getSimpleName())
                    .containsPattern("^\\[?\\[" + Pattern.quote(rule) + "] ");
        }
        return results;
    }

    private static EngineExecutionResults run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute();
    }

    /** Each failed test's display name and the first line of its failure, for the assertion message. */
    private static String failures(EngineExecutionResults results) {
        StringBuilder out = new StringBuilder();
        for (Event e : results.testEvents().failed().list()) {
            String why = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(t -> t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).strip()
                            .replaceAll("\\s+", " "))
                    .orElse("");
            out.append("  ").append(e.getTestDescriptor().getDisplayName()).append(" -> ")
                    .append(why, 0, Math.min(300, why.length())).append('\n');
        }
        return out.toString();
    }

    /** The rule ids (first word of the display name) of the failed tests. */
    private static Set<String> failedRules(EngineExecutionResults results) {
        Set<String> rules = new TreeSet<>();
        for (Event e : results.testEvents().failed().list()) {
            rules.add(e.getTestDescriptor().getDisplayName().split(" ", 2)[0]);
        }
        return rules;
    }
}
