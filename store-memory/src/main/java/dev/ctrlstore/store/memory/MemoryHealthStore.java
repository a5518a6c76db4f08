package dev.ctrlstore.store.memory;

import dev.ctrlstore.store.AlreadyExistsException;
import dev.ctrlstore.store.ConflictException;
import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.ResourceKind;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.health.HealthCheck;
import dev.ctrlstore.store.health.HealthResult;
import dev.ctrlstore.store.health.HealthStore;
import dev.ctrlstore.store.id.HealthCheckId;
import dev.ctrlstore.store.id.HealthResultId;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;
import dev.ctrlstore.store.internal.Checks;
import dev.ctrlstore.store.internal.StoreRules;
import dev.ctrlstore.store.internal.Versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks by id; each check's results in a set kept newest first, so windows and the latest result are cheap. */
final class MemoryHealthStore implements HealthStore {
    private static final Comparator<HealthCheck> OLDEST_FIRST =
            Comparator.comparing(HealthCheck::createdAt).thenComparing(HealthCheck::id);
    private static final Comparator<HealthResult> NEWEST_FIRST =
            Comparator.comparing(HealthResult::checkedAt).thenComparing(HealthResult::id).reversed();

    private final MemoryState state;
    private final Map<HealthCheckId, HealthCheck> checks = new HashMap<>();
    private final Map<HealthCheckId, NavigableSet<HealthResult>> results = new HashMap<>();
    private final Set<HealthResultId> resultIds = new HashSet<>();

    MemoryHealthStore(MemoryState state) {
        this.state = state;
        state.onInstanceDeleted((tenantId, instanceId) -> List.copyOf(checks.values()).stream()
                .filter(c -> c.tenantId().equals(tenantId) && c.instanceId().equals(instanceId))
                .forEach(c -> remove(c.id())));
    }

    @Override
    public HealthCheck insertCheck(HealthCheck check) {
        Checks.notNull(check, "check");
        Versions.requireNew(check.version(), "check", check.id().value());
        return state.write(() -> {
            state.requireInstance(check.tenantId(), check.instanceId());
            if (checks.containsKey(check.id())) {
                throw new AlreadyExistsException(check.tenantId(), ResourceKind.HEALTH_CHECK, check.id().value(),
                        "id", check.id().value());
            }
            Instant now = state.now();
            HealthCheck stored = check.toBuilder().createdAt(now).updatedAt(now).version(1).build();
            checks.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public HealthCheck getCheck(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        return state.read(() -> existing(tenantId, checkId));
    }

    @Override
    public List<HealthCheck> listChecks(TenantId tenantId, InstanceId instanceId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(instanceId, "instanceId");
        return state.read(() -> checks.values().stream()
                .filter(c -> c.tenantId().equals(tenantId) && c.instanceId().equals(instanceId))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public HealthCheck updateCheck(HealthCheck check) {
        Checks.notNull(check, "check");
        Versions.requireStored(check.version(), "check", check.id().value());
        return state.write(() -> {
            HealthCheck current = existing(check.tenantId(), check.id());
            StoreRules.requireUnchanged(current.instanceId(), check.instanceId(), "check.instanceId", check.tenantId(),
                    ResourceKind.HEALTH_CHECK, check.id().value(), "a check cannot move to another instance: create"
                            + " a new check instead");
            if (current.version() != check.version()) {
                throw new ConflictException(check.tenantId(), ResourceKind.HEALTH_CHECK, check.id().value(),
                        check.version(), current.version());
            }
            HealthCheck stored = check.toBuilder().createdAt(current.createdAt()).updatedAt(state.now())
                    .version(current.version() + 1).build();
            checks.put(stored.id(), stored);
            return stored;
        });
    }

    @Override
    public void deleteCheck(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        state.write(() -> {
            existing(tenantId, checkId);
            remove(checkId);
        });
    }

    @Override
    public HealthResult insertResult(HealthResult result) {
        Checks.notNull(result, "result");
        return state.write(() -> {
            HealthCheck check = existing(result.tenantId(), result.checkId());
            if (!check.instanceId().equals(result.instanceId())) {
                throw new InvalidArgumentException("result.instanceId", "result.instanceId " + result.instanceId()
                        + " is not the instance " + check.instanceId() + " of check " + check.id(),
                        result.tenantId(), ResourceKind.HEALTH_RESULT, result.id().value());
            }
            if (!resultIds.add(result.id())) {
                throw new AlreadyExistsException(result.tenantId(), ResourceKind.HEALTH_RESULT, result.id().value(),
                        "id", result.id().value());
            }
            results.computeIfAbsent(check.id(), k -> new TreeSet<>(NEWEST_FIRST)).add(result);
            return result;
        });
    }

    @Override
    public List<HealthResult> listResults(TenantId tenantId, HealthCheckId checkId, TimeWindow window) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        Checks.notNull(window, "window");
        return state.read(() -> {
            if (find(tenantId, checkId) == null) {
                return List.of();
            }
            List<HealthResult> matches = new ArrayList<>();
            for (HealthResult r : results.getOrDefault(checkId, Collections.emptyNavigableSet())) {
                if (matches.size() == window.limit()
                        || window.since().map(s -> r.checkedAt().isBefore(s)).orElse(false)) {
                    break; // newest first: nothing further can match
                }
                if (window.contains(r.checkedAt())) {
                    matches.add(r);
                }
            }
            return List.copyOf(matches);
        });
    }

    @Override
    public Optional<HealthResult> latestResult(TenantId tenantId, HealthCheckId checkId) {
        Checks.notNull(tenantId, "tenantId");
        Checks.notNull(checkId, "checkId");
        return state.read(() -> {
            if (find(tenantId, checkId) == null) {
                return Optional.empty();
            }
            NavigableSet<HealthResult> history = results.get(checkId);
            return history == null || history.isEmpty() ? Optional.empty() : Optional.of(history.first());
        });
    }

    private HealthCheck find(TenantId tenantId, HealthCheckId id) {
        HealthCheck c = checks.get(id);
        return c != null && c.tenantId().equals(tenantId) ? c : null;
    }

    private HealthCheck existing(TenantId tenantId, HealthCheckId id) {
        HealthCheck c = find(tenantId, id);
        if (c == null) {
            throw new NotFoundException(tenantId, ResourceKind.HEALTH_CHECK, id.value());
        }
        return c;
    }

    /** Removes a check and its results. Call under the write lock. */
    private void remove(HealthCheckId id) {
        checks.remove(id);
        NavigableSet<HealthResult> history = results.remove(id);
        if (history != null) {
            history.forEach(r -> resultIds.remove(r.id()));
        }
    }
}
