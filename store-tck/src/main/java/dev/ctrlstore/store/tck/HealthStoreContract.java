package dev.ctrlstore.store.tck;

import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.health.CheckType;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStatus;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.instance.Instance;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ctrlstore.store.tck.StoreAssertions.assertAlreadyExists;
import static dev.ctrlstore.store.tck.StoreAssertions.assertConflict;
import static dev.ctrlstore.store.tck.StoreAssertions.assertInvalidArgument;
import static dev.ctrlstore.store.tck.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules H-n of {@code tck-rules/health.md}: health checks (a mutable entity owned by an instance) and their
 * append-only results (history read through a {@link TimeWindow}, newest first).
 *
 * <p>If these fail, check the tenant filter on every result query, the (checkedAt desc, id desc) order and where the
 * limit cuts, inclusive window bounds, and that deleting a check or its instance also deletes the results.
 */
public abstract class HealthStoreContract extends ContractSupport {
    /** A caller-given event time with microseconds; results are placed at whole seconds after it. */
    private static final Instant T0 = Instant.parse("2026-03-14T12:00:00.123456Z");

    private HealthStore health() {
        return store.health();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private HealthCheck.Builder newCheck(Instance instance) {
        return HealthCheck.builder().tenantId(instance.tenantId()).instanceId(instance.id())
                .name("check " + unique()).type(CheckType.HTTP).target("http://localhost:8080/healthz");
    }

    private HealthCheck insertCheck(Instance instance) {
        return health().insertCheck(newCheck(instance).build());
    }

    private static HealthResult.Builder newResult(HealthCheck check, Instant checkedAt) {
        return HealthResult.builder().check(check).status(HealthStatus.HEALTHY)
                .latency(Duration.ofMillis(12)).checkedAt(checkedAt);
    }

    private HealthResult insertResult(HealthCheck check, Instant checkedAt) {
        return health().insertResult(newResult(check, checkedAt).build());
    }

    private List<HealthResult> allResults(HealthCheck check) {
        return health().listResults(check.tenantId(), check.id(), TimeWindow.latest(TimeWindow.DEFAULT_LIMIT));
    }

    private static List<Instant> times(List<HealthResult> results) {
        return results.stream().map(HealthResult::checkedAt).toList();
    }

    /** The same check as never stored, to insert again under the same id. */
    private static HealthCheck asNew(HealthCheck stored) {
        return stored.toBuilder().createdAt(null).updatedAt(null).version(0).build();
    }

    // ---- checks: insert and get ----

    @Test
    @DisplayName("H-1a insertCheck keeps every field, sets version 1 and both timestamps to now; get and list"
            + " return it")
    void insertCheckRoundTrip() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = newCheck(instance).serviceName("api-gateway").name(UNICODE).type(CheckType.GRPC)
                .target("grpc://" + UNICODE + ":50051").interval(Duration.ofSeconds(45, 123_456_000))
                .timeout(Duration.ofMillis(2_500)).retries(7).enabled(false).build();

        HealthCheck stored = health().insertCheck(check);

        Instant now = clock().instant();
        assertThat(stored)
                .as("[H-1a] stored (health().insertCheck(check)) must equal …")
                .isEqualTo(check.toBuilder().createdAt(now).updatedAt(now).version(1).build());
        assertThat(health().getCheck(tenant, check.id()))
                .as("[H-1a] health().getCheck(tenant, check.id()) must equal stored").isEqualTo(stored);
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-1a] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "stored").containsExactly(stored);
    }

    @Test
    @DisplayName("H-1b a new check has the documented defaults (main service, no target, 30 s, 5 s, 3 retries,"
            + " enabled) and they round-trip")
    void builderDefaultsRoundTrip() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = HealthCheck.builder().tenantId(tenant).instanceId(instance.id()).name("plain")
                .type(CheckType.TCP).build();

        HealthCheck stored = health().insertCheck(check);

        assertThat(stored.serviceName())
                .as("[H-1b] stored.serviceName() from health().insertCheck(check) must be empty").isEmpty();
        assertThat(stored.target())
                .as("[H-1b] stored.target() from health().insertCheck(check) must be empty").isEmpty();
        assertThat(stored.interval())
                .as("[H-1b] stored.interval() from health().insertCheck(check) must equal "
                        + "Duration.ofSeconds(30)").isEqualTo(Duration.ofSeconds(30));
        assertThat(stored.timeout())
                .as("[H-1b] stored.timeout() from health().insertCheck(check) must equal "
                        + "Duration.ofSeconds(5)").isEqualTo(Duration.ofSeconds(5));
        assertThat(stored.retries())
                .as("[H-1b] stored.retries() from health().insertCheck(check) must equal 3").isEqualTo(3);
        assertThat(stored.enabled())
                .as("[H-1b] stored.enabled() from health().insertCheck(check) must be true").isTrue();
        assertThat(health().getCheck(tenant, check.id()))
                .as("[H-1b] health().getCheck(tenant, check.id()) must equal stored").isEqualTo(stored);
    }

    @Test
    @DisplayName("H-1c every check type, zero durations, zero retries and a target of the maximum length round-trip")
    void everyTypeAndMaximumTargetRoundTrip() {
        Instance instance = insertInstance(tenant);
        List<HealthCheck> stored = new ArrayList<>();
        for (CheckType type : CheckType.values()) {
            stored.add(health().insertCheck(newCheck(instance).type(type).build()));
        }
        stored.add(health().insertCheck(newCheck(instance).type(CheckType.COMMAND).target(text(1 << 20))
                .interval(Duration.ZERO).timeout(Duration.ZERO).retries(0).build()));

        for (HealthCheck c : stored) {
            assertThat(health().getCheck(tenant, c.id()))
                    .as("[H-1c] health().getCheck(tenant, c.id()) must equal c").isEqualTo(c);
        }
        assertThat(health().getCheck(tenant, stored.getLast().id()).target())
                .as("[H-1c] health().getCheck(tenant, stored.getLast().id()).target() must have size 1 << "
                        + "20").hasSize(1 << 20);
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-1c] health().listChecks(tenant, instance.id()) must contain exactly, in any order, the "
                        + "elements of stored")
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    @DisplayName("H-2a check timestamps keep microseconds: the clock's micros are kept, its nanos truncated")
    void checkTimestampsAreMicroseconds() {
        Instance instance = insertInstance(tenant);
        clock().set(TestClock.START);
        HealthCheck stored = insertCheck(instance);
        assertThat(health().getCheck(tenant, stored.id()).createdAt())
                .as("[H-2a] health().getCheck(tenant, stored.id()).createdAt() must equal "
                        + "TestClock.START").isEqualTo(TestClock.START);

        clock().set(TestClock.START.plusSeconds(1).plusNanos(789));
        HealthCheck updated = health().updateCheck(stored.toBuilder()
                .interval(Duration.ofSeconds(1, 999_999_999)).build());

        Instant truncated = TestClock.START.plusSeconds(1);
        assertThat(updated.updatedAt())
                .as("[H-2a] updated.updatedAt() from health().updateCheck(stored.toBuilder().interval(…).build()) must "
                        + "equal truncated").isEqualTo(truncated);
        assertThat(health().getCheck(tenant, stored.id()).updatedAt())
                .as("[H-2a] health().getCheck(tenant, stored.id()).updatedAt() must equal "
                        + "truncated").isEqualTo(truncated);
        assertThat(health().getCheck(tenant, stored.id()).interval())
                .as("[H-2a] health().getCheck(tenant, stored.id()).interval() must equal Duration.ofSeconds(1, "
                        + "999_999_000)")
                .isEqualTo(Duration.ofSeconds(1, 999_999_000));
    }

    @Test
    @DisplayName("H-2b a caller-given checkedAt and latency with nanoseconds read back truncated to microseconds")
    void resultTimesAreMicroseconds() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        health().insertResult(newResult(check, T0.plusNanos(999)).latency(Duration.ofNanos(1_234_567)).build());

        HealthResult read = health().latestResult(tenant, check.id()).orElseThrow();
        assertThat(read.checkedAt())
                .as("[H-2b] read.checkedAt() from health().latestResult(tenant, check.id()) must equal "
                        + "T0").isEqualTo(T0);
        assertThat(read.latency())
                .as("[H-2b] read.latency() from health().latestResult(tenant, check.id()) must equal "
                        + "Duration.ofNanos(1_234_000)").isEqualTo(Duration.ofNanos(1_234_000));
        assertThat(health().listResults(tenant, check.id(), TimeWindow.between(T0, T0)))
                .as("[H-2b] health().listResults(tenant, check.id(), TimeWindow.between(T0, T0)) must contain exactly "
                        + "read").containsExactly(read);
    }

    @Test
    @DisplayName("H-3a insertCheck for an instance that does not exist throws NotFound(INSTANCE) and stores nothing")
    void insertCheckForMissingInstance() {
        InstanceId missing = InstanceId.generate();
        HealthCheck check = HealthCheck.builder().tenantId(tenant).instanceId(missing).name("orphan")
                .type(CheckType.HTTP).build();

        assertNotFound("[H-3a] health().insertCheck(check) must throw NotFoundException",
                () -> health().insertCheck(check), tenant, ResourceKind.INSTANCE, missing);
        assertNotFound("[H-3a] health().getCheck(tenant, check.id()) must throw NotFoundException",
                () -> health().getCheck(tenant, check.id()), tenant, ResourceKind.HEALTH_CHECK, check.id());
        assertThat(health().listChecks(tenant, missing))
                .as("[H-3a] health().listChecks(tenant, missing) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-3b insertCheck naming another tenant's instance throws NotFound(INSTANCE) for the check's tenant"
            + " and stores nothing in either tenant")
    void insertCheckForForeignInstance() {
        Instance foreign = insertInstance(otherTenant);
        HealthCheck check = HealthCheck.builder().tenantId(tenant).instanceId(foreign.id()).name("sneaky")
                .type(CheckType.HTTP).build();

        assertNotFound("[H-3b] health().insertCheck(check) must throw NotFoundException",
                () -> health().insertCheck(check), tenant, ResourceKind.INSTANCE, foreign.id());
        assertThat(health().listChecks(tenant, foreign.id()))
                .as("[H-3b] health().listChecks(tenant, foreign.id()) must be empty").isEmpty();
        assertThat(health().listChecks(otherTenant, foreign.id()))
                .as("[H-3b] health().listChecks(otherTenant, foreign.id()) must be empty").isEmpty();
        assertNotFound("[H-3b] health().getCheck(otherTenant, check.id()) must throw NotFoundException",
                () -> health().getCheck(otherTenant, check.id()), otherTenant, ResourceKind.HEALTH_CHECK,
                check.id());
    }

    @Test
    @DisplayName("H-4a inserting a check whose id exists throws AlreadyExists(id) and leaves the stored check"
            + " unchanged")
    void duplicateCheckId() {
        Instance instance = insertInstance(tenant);
        HealthCheck stored = insertCheck(instance);
        tick(10);
        HealthCheck again = newCheck(instance).id(stored.id()).name("duplicate").build();

        assertAlreadyExists("[H-4a] health().insertCheck(again) must throw AlreadyExistsException on id",
                () -> health().insertCheck(again), tenant, ResourceKind.HEALTH_CHECK, "id");
        assertThat(health().getCheck(tenant, stored.id()))
                .as("[H-4a] health().getCheck(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-4a] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "stored").containsExactly(stored);
    }

    @Test
    @DisplayName("H-4b insertCheck of a check that carries a version throws InvalidArgument(check.version) and stores"
            + " nothing")
    void insertCheckWithVersion() {
        Instance instance = insertInstance(tenant);
        Instant now = clock().instant();
        HealthCheck versioned = newCheck(instance).createdAt(now).updatedAt(now).version(3).build();

        assertInvalidArgument("[H-4b] health().insertCheck(versioned) must throw InvalidArgumentException naming "
                        + "check.version",
                () -> health().insertCheck(versioned), "check.version");
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-4b] health().listChecks(tenant, instance.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-5 getCheck of a missing id, or of another tenant's check, throws NotFound carrying the caller's"
            + " tenant")
    void getCheckMissingOrForeign() {
        HealthCheck foreign = insertCheck(insertInstance(otherTenant));
        HealthCheckId missing = HealthCheckId.generate();

        assertNotFound("[H-5] health().getCheck(tenant, missing) must throw NotFoundException",
                () -> health().getCheck(tenant, missing), tenant, ResourceKind.HEALTH_CHECK, missing);
        assertNotFound("[H-5] health().getCheck(tenant, foreign.id()) must throw NotFoundException",
                () -> health().getCheck(tenant, foreign.id()), tenant, ResourceKind.HEALTH_CHECK,
                foreign.id());
        assertThat(health().getCheck(otherTenant, foreign.id()))
                .as("[H-5] health().getCheck(otherTenant, foreign.id()) must equal foreign").isEqualTo(foreign);
    }

    // ---- checks: list ----

    @Test
    @DisplayName("H-6a listChecks returns oldest first: createdAt ascending, then id ascending for equal createdAt")
    void listChecksOrder() {
        Instance instance = insertInstance(tenant);
        HealthCheck first = newCheck(instance).build();
        HealthCheck second = newCheck(instance).build();
        HealthCheck third = newCheck(instance).build();
        assertThat(first.id()).as("[H-6a] first.id() must be less than second.id()").isLessThan(second.id());
        assertThat(second.id()).as("[H-6a] second.id() must be less than third.id()").isLessThan(third.id());

        HealthCheck oldest = health().insertCheck(third);
        tick(5);
        HealthCheck tieHigh = health().insertCheck(second);
        HealthCheck tieLow = health().insertCheck(first);

        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-6a] health().listChecks(tenant, instance.id()) must contain exactly oldest, tieLow, tieHigh")
                .containsExactly(oldest, tieLow, tieHigh);
    }

    @Test
    @DisplayName("H-6b listChecks returns only the given instance's checks, and nothing for a missing or another"
            + " tenant's instance")
    void listChecksScope() {
        Instance instance = insertInstance(tenant);
        Instance sibling = insertInstance(tenant);
        HealthCheck mine = insertCheck(instance);
        insertCheck(sibling);
        Instance foreign = insertInstance(otherTenant);
        insertCheck(foreign);

        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-6b] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "mine").containsExactly(mine);
        assertThat(health().listChecks(otherTenant, instance.id()))
                .as("[H-6b] health().listChecks(otherTenant, instance.id()) must be empty").isEmpty();
        assertThat(health().listChecks(tenant, foreign.id()))
                .as("[H-6b] health().listChecks(tenant, foreign.id()) must be empty").isEmpty();
        assertThat(health().listChecks(tenant, InstanceId.generate()))
                .as("[H-6b] health().listChecks(tenant, InstanceId.generate()) must be empty").isEmpty();
    }

    // ---- checks: update ----

    @Test
    @DisplayName("H-7a updateCheck replaces every field, keeps createdAt, sets updatedAt to now and adds 1 to the"
            + " version")
    void updateCheckReplacesFields() {
        Instance instance = insertInstance(tenant);
        HealthCheck stored = insertCheck(instance);
        tick(1_000);
        HealthCheck changed = stored.toBuilder().serviceName("worker").name("renamed " + UNICODE)
                .type(CheckType.COMMAND).target("/bin/check --deep").interval(Duration.ofMinutes(2))
                .timeout(Duration.ofSeconds(20)).retries(0).enabled(false).build();

        HealthCheck updated = health().updateCheck(changed);

        assertThat(updated)
                .as("[H-7a] updated (health().updateCheck(changed)) must equal …")
                .isEqualTo(changed.toBuilder().updatedAt(clock().instant()).version(2).build());
        assertThat(updated.createdAt())
                .as("[H-7a] updated.createdAt() from health().updateCheck(changed) must equal "
                        + "stored.createdAt()").isEqualTo(stored.createdAt());
        assertThat(health().getCheck(tenant, stored.id()))
                .as("[H-7a] health().getCheck(tenant, stored.id()) must equal updated").isEqualTo(updated);
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-7a] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "updated").containsExactly(updated);
    }

    @Test
    @DisplayName("H-7b updateCheck based on a stale version throws Conflict(given, stored) and writes nothing")
    void updateCheckStaleVersion() {
        HealthCheck stored = insertCheck(insertInstance(tenant));
        HealthCheck current = health().updateCheck(stored.toBuilder().retries(5).build());

        assertConflict("[H-7b] health().updateCheck(stored.toBuilder().name(\"lost update\").build()) must throw "
                        + "ConflictException (version 1 given, 2 stored)",
                () -> health().updateCheck(stored.toBuilder().name("lost update").build()), tenant,
                ResourceKind.HEALTH_CHECK, stored.id(), 1, 2);
        assertThat(health().getCheck(tenant, stored.id()))
                .as("[H-7b] health().getCheck(tenant, stored.id()) must equal current").isEqualTo(current);
    }

    @Test
    @DisplayName("H-7c updateCheck of a missing check, or of another tenant's check, throws NotFound and writes"
            + " nothing")
    void updateCheckMissingOrForeign() {
        HealthCheck stored = insertCheck(insertInstance(tenant));
        HealthCheck hijack = stored.toBuilder().tenantId(otherTenant).name("hijacked").build();
        HealthCheck missing = stored.toBuilder().id(HealthCheckId.generate()).build();

        assertNotFound("[H-7c] health().updateCheck(hijack) must throw NotFoundException",
                () -> health().updateCheck(hijack), otherTenant, ResourceKind.HEALTH_CHECK, stored.id());
        assertNotFound("[H-7c] health().updateCheck(missing) must throw NotFoundException",
                () -> health().updateCheck(missing), tenant, ResourceKind.HEALTH_CHECK, missing.id());
        assertThat(health().getCheck(tenant, stored.id()))
                .as("[H-7c] health().getCheck(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertNotFound("[H-7c] health().getCheck(otherTenant, stored.id()) must throw NotFoundException",
                () -> health().getCheck(otherTenant, stored.id()), otherTenant, ResourceKind.HEALTH_CHECK,
                stored.id());
    }

    @Test
    @DisplayName("H-7d updateCheck of a never-stored check (version 0) or one moved to another instance throws"
            + " InvalidArgument and writes nothing")
    void updateCheckInvalid() {
        Instance instance = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        HealthCheck stored = insertCheck(instance);

        assertInvalidArgument("[H-7d] health().updateCheck(asNew(stored)) must throw InvalidArgumentException naming "
                        + "check.version",
                () -> health().updateCheck(asNew(stored)), "check.version");
        assertInvalidArgument("[H-7d] health().updateCheck(stored.toBuilder().instanceId(other.id()).build()) must "
                        + "throw InvalidArgumentException naming check.instanceId",
                () -> health().updateCheck(stored.toBuilder().instanceId(other.id()).build()),
                "check.instanceId");
        assertThat(health().getCheck(tenant, stored.id()))
                .as("[H-7d] health().getCheck(tenant, stored.id()) must equal stored").isEqualTo(stored);
        assertThat(health().listChecks(tenant, other.id()))
                .as("[H-7d] health().listChecks(tenant, other.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-8 8 threads updating one check with re-read and retry on Conflict lose no update")
    void concurrentUpdatesLoseNothing() throws Exception {
        HealthCheck stored = insertCheck(insertInstance(tenant));
        health().updateCheck(stored.toBuilder().retries(0).build());

        concurrently(8, thread -> {
            for (int i = 0; i < 25; i++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("[H-8] attempt must be less than 10_000: attempts for one "
                                    + "increment").isLessThan(10_000);
                    HealthCheck current = health().getCheck(tenant, stored.id());
                    try {
                        health().updateCheck(current.toBuilder().retries(current.retries() + 1).build());
                        break;
                    } catch (ConflictException e) {
                        // someone else won this round: re-read and apply again
                    }
                }
            }
        });

        HealthCheck result = health().getCheck(tenant, stored.id());
        assertThat(result.retries())
                .as("[H-8] result.retries() from health().getCheck(tenant, stored.id()) must equal 200").isEqualTo(200);
        assertThat(result.version())
                .as("[H-8] result.version() from health().getCheck(tenant, stored.id()) must equal 202").isEqualTo(202);
    }

    // ---- checks: delete ----

    @Test
    @DisplayName("H-9a deleteCheck removes the check and its results; a second delete throws NotFound")
    void deleteCheckRemovesResults() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = insertCheck(instance);
        HealthCheck kept = insertCheck(instance);
        insertResult(check, at(1));
        insertResult(check, at(2));
        HealthResult keptResult = insertResult(kept, at(1));

        health().deleteCheck(tenant, check.id());

        assertNotFound("[H-9a] health().getCheck(tenant, check.id()) must throw NotFoundException",
                () -> health().getCheck(tenant, check.id()), tenant, ResourceKind.HEALTH_CHECK, check.id());
        assertNotFound("[H-9a] health().deleteCheck(tenant, check.id()) must throw NotFoundException",
                () -> health().deleteCheck(tenant, check.id()), tenant, ResourceKind.HEALTH_CHECK, check.id());
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-9a] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "kept").containsExactly(kept);
        assertThat(allResults(kept))
                .as("[H-9a] allResults(kept) must contain exactly keptResult").containsExactly(keptResult);

        HealthCheck reborn = health().insertCheck(asNew(check));
        assertThat(allResults(reborn)).as("[H-9a] allResults(reborn) must be empty: results of the deleted check must "
                        + "be gone, not hidden").isEmpty();
        assertThat(health().latestResult(tenant, reborn.id()))
                .as("[H-9a] health().latestResult(tenant, reborn.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-9b deleteCheck with another tenant's check id throws NotFound and deletes nothing")
    void deleteCheckForeign() {
        HealthCheck foreign = insertCheck(insertInstance(otherTenant));
        HealthResult result = insertResult(foreign, at(1));

        assertNotFound("[H-9b] health().deleteCheck(tenant, foreign.id()) must throw NotFoundException",
                () -> health().deleteCheck(tenant, foreign.id()), tenant, ResourceKind.HEALTH_CHECK,
                foreign.id());
        assertThat(health().getCheck(otherTenant, foreign.id()))
                .as("[H-9b] health().getCheck(otherTenant, foreign.id()) must equal foreign").isEqualTo(foreign);
        assertThat(allResults(foreign))
                .as("[H-9b] allResults(foreign) must contain exactly result").containsExactly(result);
    }

    @Test
    @DisplayName("H-10 deleting an instance deletes its checks and their results, and nothing of other instances")
    void instanceDeleteCascades() {
        Instance doomed = insertInstance(tenant);
        Instance survivor = insertInstance(tenant);
        HealthCheck gone = insertCheck(doomed);
        insertResult(gone, at(1));
        HealthCheck kept = insertCheck(survivor);
        HealthResult keptResult = insertResult(kept, at(1));

        store.instances().delete(tenant, doomed.id());

        assertNotFound("[H-10] health().getCheck(tenant, gone.id()) must throw NotFoundException",
                () -> health().getCheck(tenant, gone.id()), tenant, ResourceKind.HEALTH_CHECK, gone.id());
        assertThat(health().listChecks(tenant, doomed.id()))
                .as("[H-10] health().listChecks(tenant, doomed.id()) must be empty").isEmpty();
        assertThat(health().listChecks(tenant, survivor.id()))
                .as("[H-10] health().listChecks(tenant, survivor.id()) must contain exactly "
                        + "kept").containsExactly(kept);
        assertThat(allResults(kept))
                .as("[H-10] allResults(kept) must contain exactly keptResult").containsExactly(keptResult);

        store.instances().insert(doomed.toBuilder().createdAt(null).updatedAt(null).version(0).build());
        HealthCheck reborn = health().insertCheck(asNew(gone));
        assertThat(allResults(reborn)).as("[H-10] allResults(reborn) must be empty: results of the deleted instance's "
                        + "check must be gone, not hidden")
                .isEmpty();
    }

    // ---- results: insert ----

    @Test
    @DisplayName("H-11a insertResult keeps every field exactly; listResults and latestResult return it equal")
    void insertResultRoundTrip() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        HealthResult result = HealthResult.builder().check(check).status(HealthStatus.DEGRADED)
                .latency(Duration.ofSeconds(1, 234_567_000)).message(UNICODE).statusCode(503)
                .checkedAt(at(7)).build();

        HealthResult stored = health().insertResult(result);

        assertThat(stored).as("[H-11a] stored (health().insertResult(result)) must equal result").isEqualTo(result);
        assertThat(allResults(check))
                .as("[H-11a] allResults(check) must contain exactly result").containsExactly(result);
        assertThat(health().latestResult(tenant, check.id()))
                .as("[H-11a] health().latestResult(tenant, check.id()) must contain result").contains(result);
    }

    @Test
    @DisplayName("H-11b every status, status codes 0 and 999 and a message of the maximum length round-trip")
    void everyStatusRoundTrip() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        List<HealthResult> inserted = new ArrayList<>();
        int second = 0;
        for (HealthStatus status : HealthStatus.values()) {
            inserted.add(health().insertResult(newResult(check, at(second++)).status(status).statusCode(0).build()));
        }
        inserted.add(health().insertResult(newResult(check, at(second)).status(HealthStatus.UNHEALTHY)
                .statusCode(999).message(text(1 << 20)).build()));

        assertThat(allResults(check))
                .as("[H-11b] allResults(check) must contain exactly the elements of inserted.reversed()")
                .containsExactlyElementsOf(inserted.reversed());
        assertThat(health().latestResult(tenant, check.id()).orElseThrow().message())
                .as("[H-11b] health().latestResult(tenant, check.id()).orElseThrow().message() must have size 1 << "
                        + "20").hasSize(1 << 20);
    }

    @Test
    @DisplayName("H-12a insertResult for a check that does not exist throws NotFound(HEALTH_CHECK) and stores nothing")
    void insertResultForMissingCheck() {
        Instance instance = insertInstance(tenant);
        HealthCheck unsaved = newCheck(instance).build();
        HealthResult result = newResult(unsaved, at(1)).build();

        assertNotFound("[H-12a] health().insertResult(result) must throw NotFoundException",
                () -> health().insertResult(result), tenant, ResourceKind.HEALTH_CHECK, unsaved.id());

        HealthCheck created = health().insertCheck(unsaved);
        assertThat(allResults(created)).as("[H-12a] allResults(created) must be empty").isEmpty();
        assertThat(health().latestResult(tenant, created.id()))
                .as("[H-12a] health().latestResult(tenant, created.id()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-12b insertResult naming another tenant's check throws NotFound for the caller's tenant and stores"
            + " nothing")
    void insertResultForForeignCheck() {
        HealthCheck foreign = insertCheck(insertInstance(otherTenant));
        HealthResult result = newResult(foreign, at(1)).tenantId(tenant).build();

        assertNotFound("[H-12b] health().insertResult(result) must throw NotFoundException",
                () -> health().insertResult(result), tenant, ResourceKind.HEALTH_CHECK, foreign.id());
        assertThat(allResults(foreign)).as("[H-12b] allResults(foreign) must be empty").isEmpty();
        assertThat(health().latestResult(otherTenant, foreign.id()))
                .as("[H-12b] health().latestResult(otherTenant, foreign.id()) must be empty").isEmpty();
        assertThat(health().listResults(tenant, foreign.id(), TimeWindow.latest()))
                .as("[H-12b] health().listResults(tenant, foreign.id(), TimeWindow.latest()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-12c insertResult whose instanceId is not the check's instance throws"
            + " InvalidArgument(result.instanceId) and stores nothing")
    void insertResultWrongInstance() {
        Instance instance = insertInstance(tenant);
        Instance other = insertInstance(tenant);
        HealthCheck check = insertCheck(instance);
        HealthResult result = newResult(check, at(1)).instanceId(other.id()).build();

        assertInvalidArgument("[H-12c] health().insertResult(result) must throw InvalidArgumentException naming "
                        + "result.instanceId",
                () -> health().insertResult(result), "result.instanceId");
        assertThat(allResults(check)).as("[H-12c] allResults(check) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-12d inserting a result whose id exists throws AlreadyExists(id), also on another check, and keeps"
            + " the first")
    void duplicateResultId() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = insertCheck(instance);
        HealthCheck other = insertCheck(instance);
        HealthResult first = insertResult(check, at(1));

        assertAlreadyExists("[H-12d] health().insertResult(first.toBuilder().checkedAt(at(2)).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> health().insertResult(first.toBuilder().checkedAt(at(2)).build()), tenant,
                ResourceKind.HEALTH_RESULT, "id");
        assertAlreadyExists("[H-12d] health().insertResult(newResult(other, at(3)).id(first.id()).build()) must throw "
                        + "AlreadyExistsException on id",
                () -> health().insertResult(newResult(other, at(3)).id(first.id()).build()), tenant,
                ResourceKind.HEALTH_RESULT, "id");
        assertThat(allResults(check)).as("[H-12d] allResults(check) must contain exactly first").containsExactly(first);
        assertThat(allResults(other)).as("[H-12d] allResults(other) must be empty").isEmpty();
    }

    // ---- results: history ----

    @Test
    @DisplayName("H-13a listResults returns newest first by checkedAt, also when results were inserted out of time"
            + " order")
    void listResultsNewestFirst() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        for (int s : new int[] {2, 0, 3, 1, 4}) {
            insertResult(check, at(s));
        }

        assertThat(times(allResults(check)))
                .as("[H-13a] times(allResults(check)) must contain exactly at(4), at(3), at(2), at(1), at(0)")
                .containsExactly(at(4), at(3), at(2), at(1), at(0));
    }

    @Test
    @DisplayName("H-13b results with equal checkedAt are ordered by id descending, and latestResult is the greatest id")
    void equalCheckedAtOrderedById() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        HealthResult low = newResult(check, at(1)).build();
        HealthResult mid = newResult(check, at(1)).build();
        HealthResult high = newResult(check, at(1)).build();
        assertThat(List.of(low.id(), mid.id(), high.id()))
                .as("[H-13b] List.of(low.id(), mid.id(), high.id()) must be sorted and have no "
                        + "duplicates").isSorted().doesNotHaveDuplicates();
        health().insertResult(mid);
        health().insertResult(high);
        health().insertResult(low);
        HealthResult older = insertResult(check, at(0));

        assertThat(allResults(check))
                .as("[H-13b] allResults(check) must contain exactly high, mid, low, "
                        + "older").containsExactly(high, mid, low, older);
        assertThat(health().latestResult(tenant, check.id()))
                .as("[H-13b] health().latestResult(tenant, check.id()) must contain high").contains(high);
    }

    @Test
    @DisplayName("H-14 window bounds are inclusive on both sides and either side may be absent")
    void windowBoundsInclusive() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        for (int s = 0; s <= 4; s++) {
            insertResult(check, at(s));
        }
        Instant oneMicro = at(0).plusNanos(1_000);

        assertThat(times(health().listResults(tenant, check.id(), TimeWindow.between(at(1), at(3)))))
                .as("[H-14] times(health().listResults(tenant, check.id(), TimeWindow.between(at(1), at(3)))) must "
                        + "contain exactly at(3), at(2), at(1)")
                .containsExactly(at(3), at(2), at(1));
        assertThat(times(health().listResults(tenant, check.id(), TimeWindow.between(at(2), at(2)))))
                .as("[H-14] times(health().listResults(tenant, check.id(), TimeWindow.between(at(2), at(2)))) must "
                        + "contain exactly at(2)")
                .containsExactly(at(2));
        assertThat(times(health().listResults(tenant, check.id(),
                new TimeWindow(Optional.of(at(3)), Optional.empty(), 100))))
                .as("[H-14] times(health().listResults(tenant, check.id(), new TimeWindow(…))) must contain exactly "
                        + "at(4), at(3)").containsExactly(at(4), at(3));
        assertThat(times(health().listResults(tenant, check.id(),
                new TimeWindow(Optional.empty(), Optional.of(at(1)), 100))))
                .as("[H-14] times(health().listResults(tenant, check.id(), new TimeWindow(…))) must contain exactly "
                        + "at(1), at(0)").containsExactly(at(1), at(0));
        assertThat(health().listResults(tenant, check.id(), TimeWindow.between(oneMicro, at(1).minusNanos(1_000))))
                .as("[H-14] health().listResults(tenant, check.id(), TimeWindow.between(…)) must be empty")
                .isEmpty();
    }

    @Test
    @DisplayName("H-15 when more results match than the limit, the newest ones are returned")
    void limitKeepsNewest() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        for (int s : new int[] {5, 9, 0, 3, 7, 1, 8, 2, 6, 4}) {
            insertResult(check, at(s));
        }

        assertThat(times(health().listResults(tenant, check.id(), TimeWindow.latest(3))))
                .as("[H-15] times(health().listResults(tenant, check.id(), TimeWindow.latest(3))) must contain exactly "
                        + "at(9), at(8), at(7)")
                .containsExactly(at(9), at(8), at(7));
        assertThat(times(health().listResults(tenant, check.id(), TimeWindow.between(at(2), at(8)).withLimit(2))))
                .as("[H-15] times(health().listResults(tenant, check.id(), TimeWindow.between(…).withLimit(…))) must "
                        + "contain exactly at(8), at(7)")
                .containsExactly(at(8), at(7));
        assertThat(times(health().listResults(tenant, check.id(), TimeWindow.latest(1))))
                .as("[H-15] times(health().listResults(tenant, check.id(), TimeWindow.latest(1))) must contain exactly "
                        + "at(9)")
                .containsExactly(at(9));
    }

    @Test
    @DisplayName("H-16 latestResult is the greatest checkedAt, not the last inserted; empty for no results or a"
            + " missing check")
    void latestResultByCheckedAt() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        assertThat(health().latestResult(tenant, check.id()))
                .as("[H-16] health().latestResult(tenant, check.id()) must be empty").isEmpty();

        HealthResult newest = insertResult(check, at(5));
        insertResult(check, at(2));

        assertThat(health().latestResult(tenant, check.id()))
                .as("[H-16] health().latestResult(tenant, check.id()) must contain newest").contains(newest);
        assertThat(health().latestResult(tenant, HealthCheckId.generate()))
                .as("[H-16] health().latestResult(tenant, HealthCheckId.generate()) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-17 listResults and latestResult with another tenant's check id return nothing")
    void resultQueriesAreTenantScoped() {
        HealthCheck mine = insertCheck(insertInstance(tenant));
        HealthResult mineResult = insertResult(mine, at(1));
        HealthCheck theirs = insertCheck(insertInstance(otherTenant));
        HealthResult theirResult = insertResult(theirs, at(2));

        assertThat(health().listResults(otherTenant, mine.id(), TimeWindow.latest()))
                .as("[H-17] health().listResults(otherTenant, mine.id(), TimeWindow.latest()) must be empty").isEmpty();
        assertThat(health().listResults(otherTenant, mine.id(), TimeWindow.between(at(0), at(9))))
                .as("[H-17] health().listResults(otherTenant, mine.id(), TimeWindow.between(at(0), at(9))) must be "
                        + "empty").isEmpty();
        assertThat(health().latestResult(otherTenant, mine.id()))
                .as("[H-17] health().latestResult(otherTenant, mine.id()) must be empty").isEmpty();
        assertThat(health().listResults(tenant, theirs.id(), TimeWindow.latest()))
                .as("[H-17] health().listResults(tenant, theirs.id(), TimeWindow.latest()) must be empty").isEmpty();
        assertThat(health().latestResult(tenant, theirs.id()))
                .as("[H-17] health().latestResult(tenant, theirs.id()) must be empty").isEmpty();
        assertThat(allResults(mine))
                .as("[H-17] allResults(mine) must contain exactly mineResult").containsExactly(mineResult);
        assertThat(allResults(theirs))
                .as("[H-17] allResults(theirs) must contain exactly theirResult").containsExactly(theirResult);
    }

    // ---- arguments, copies, concurrency ----

    @Test
    @DisplayName("H-18 a null argument to any method throws InvalidArgument naming the parameter and writes nothing")
    void nullArguments() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = insertCheck(instance);
        HealthResult result = insertResult(check, at(1));
        HealthCheckId id = check.id();
        Map<String, List<ThrowingCallable>> calls = new LinkedHashMap<>();
        calls.put("check", List.of(() -> health().insertCheck(null), () -> health().updateCheck(null)));
        calls.put("result", List.of(() -> health().insertResult(null)));
        calls.put("tenantId", List.of(() -> health().getCheck(null, id),
                () -> health().listChecks(null, instance.id()), () -> health().deleteCheck(null, id),
                () -> health().listResults(null, id, TimeWindow.latest()), () -> health().latestResult(null, id)));
        calls.put("checkId", List.of(() -> health().getCheck(tenant, null), () -> health().deleteCheck(tenant, null),
                () -> health().listResults(tenant, null, TimeWindow.latest()),
                () -> health().latestResult(tenant, null)));
        calls.put("instanceId", List.of(() -> health().listChecks(tenant, null)));
        calls.put("window", List.of(() -> health().listResults(tenant, id, null)));

        calls.forEach((field, list) -> list.forEach(call -> assertInvalidArgument("[H-18] call must throw "
                        + "InvalidArgumentException",
                call, field)));
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-18] health().listChecks(tenant, instance.id()) must contain exactly "
                        + "check").containsExactly(check);
        assertThat(allResults(check)).as("[H-18] allResults(check) must contain exactly result").containsExactly(result);
    }

    @Test
    @DisplayName("H-19a a check with a blank or oversized name, a bad service name, an oversized target or a negative"
            + " duration or retries is rejected naming the field, and nothing is stored")
    void invalidCheckValues() {
        Instance instance = insertInstance(tenant);
        List<Map.Entry<String, ThrowingCallable>> cases = List.of(
                Map.entry("check.name", () -> health().insertCheck(newCheck(instance).name(" ").build())),
                Map.entry("check.name", () -> health().insertCheck(newCheck(instance).name(text(256)).build())),
                Map.entry("check.serviceName",
                        () -> health().insertCheck(newCheck(instance).serviceName("Not A Label").build())),
                Map.entry("check.target",
                        () -> health().insertCheck(newCheck(instance).target(text((1 << 20) + 1)).build())),
                Map.entry("check.interval",
                        () -> health().insertCheck(newCheck(instance).interval(Duration.ofSeconds(-1)).build())),
                Map.entry("check.timeout",
                        () -> health().insertCheck(newCheck(instance).timeout(Duration.ofNanos(-1)).build())),
                Map.entry("check.retries", () -> health().insertCheck(newCheck(instance).retries(-1).build())),
                Map.entry("check.type", () -> health().insertCheck(newCheck(instance).type(null).build())));

        cases.forEach(c -> assertInvalidArgument("[H-19a] c.getValue() must throw InvalidArgumentException",
                c.getValue(), c.getKey()));
        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-19a] health().listChecks(tenant, instance.id()) must be empty").isEmpty();
        assertThat(health().insertCheck(newCheck(instance).name(text(255)).build()).name())
                .as("[H-19a] health().insertCheck(newCheck(instance).name(text(255)).build()).name() must have size "
                        + "255").hasSize(255);
    }

    @Test
    @DisplayName("H-19b a result with a status code outside 0..999, a negative latency, an oversized message or no"
            + " checkedAt is rejected naming the field, and nothing is stored")
    void invalidResultValues() {
        HealthCheck check = insertCheck(insertInstance(tenant));
        List<Map.Entry<String, ThrowingCallable>> cases = List.of(
                Map.entry("result.statusCode",
                        () -> health().insertResult(newResult(check, at(1)).statusCode(1000).build())),
                Map.entry("result.statusCode",
                        () -> health().insertResult(newResult(check, at(1)).statusCode(-1).build())),
                Map.entry("result.latency",
                        () -> health().insertResult(newResult(check, at(1)).latency(Duration.ofMillis(-1)).build())),
                Map.entry("result.message",
                        () -> health().insertResult(newResult(check, at(1)).message(text((1 << 20) + 1)).build())),
                Map.entry("result.checkedAt", () -> health().insertResult(newResult(check, null).build())),
                Map.entry("result.status",
                        () -> health().insertResult(newResult(check, at(1)).status(null).build())));

        cases.forEach(c -> assertInvalidArgument("[H-19b] c.getValue() must throw InvalidArgumentException",
                c.getValue(), c.getKey()));
        assertThat(allResults(check)).as("[H-19b] allResults(check) must be empty").isEmpty();
    }

    @Test
    @DisplayName("H-20 returned lists are unmodifiable snapshots that later writes do not change")
    void returnedListsAreSnapshots() {
        Instance instance = insertInstance(tenant);
        HealthCheck check = insertCheck(instance);
        HealthResult result = insertResult(check, at(1));
        List<HealthCheck> checks = health().listChecks(tenant, instance.id());
        List<HealthResult> results = allResults(check);

        assertThatThrownBy(() -> checks.add(check),
                "[H-20] checks.add(check) must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(results::clear,
                "[H-20] results::clear must throw "
                        + "UnsupportedOperationException").isInstanceOf(UnsupportedOperationException.class);
        insertCheck(instance);
        insertResult(check, at(2));
        assertThat(checks)
                .as("[H-20] checks (health().listChecks(tenant, instance.id())) must contain exactly "
                        + "check").containsExactly(check);
        assertThat(results).as("[H-20] results must contain exactly result").containsExactly(result);
    }

    @Test
    @DisplayName("H-21 checks and results inserted concurrently from 8 threads all land")
    void concurrentInsertsAllLand() throws Exception {
        Instance instance = insertInstance(tenant);
        HealthCheck shared = insertCheck(instance);

        concurrently(8, thread -> {
            insertCheck(instance);
            for (int i = 0; i < 25; i++) {
                insertResult(shared, at(thread * 100L + i));
            }
        });

        assertThat(health().listChecks(tenant, instance.id()))
                .as("[H-21] health().listChecks(tenant, instance.id()) must have size 9").hasSize(9);
        List<HealthResult> results = health().listResults(tenant, shared.id(), TimeWindow.latest(1000));
        assertThat(results)
                .as("[H-21] results (health().listResults(tenant, shared.id(), TimeWindow.latest(…))) must have size "
                        + "200").hasSize(200);
        assertThat(results)
                .as("[H-21] results (health().listResults(tenant, shared.id(), TimeWindow.latest(…))) mapped by "
                        + "HealthResult::id must have no duplicates")
                .extracting(HealthResult::id).doesNotHaveDuplicates();
        assertThat(times(results))
                .as("[H-21] times(results) must be sorted according to …")
                .isSortedAccordingTo((x, y) -> y.compareTo(x));
    }
}
