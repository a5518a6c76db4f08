package dev.ctrlstore.store.telemetry;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.TimeWindow;
import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.internal.Checks;

import java.util.Locale;
import java.util.Optional;

/**
 * Which of a tenant's log entries {@link TelemetryStore#queryLogs} returns. Every present criterion must hold (AND).
 *
 * @param instanceId only entries of this instance; empty for every instance of the tenant
 * @param level only entries with exactly this level (case-sensitive: {@code WARN} is not {@code warn}); empty for all
 * @param search only entries whose message contains this text, ignoring case (see {@link #messageMatches}); the
 *     text is literal: {@code %}, {@code _} and {@code *} have no special meaning; empty for all
 * @param window only entries whose timestamp lies within it (both ends inclusive), at most its limit, newest first
 */
public record LogQuery(Optional<InstanceId> instanceId, Optional<String> level, Optional<String> search,
        TimeWindow window) {

    /**
     * @throws dev.ctrlstore.store.InvalidArgumentException if the window is null ({@code query.window}), the level
     *     is blank or longer than 255 characters ({@code query.level}) or the search text is empty or longer than
     *     1,048,576 characters ({@code query.search})
     */
    public LogQuery {
        instanceId = instanceId == null ? Optional.empty() : instanceId;
        level = level == null ? Optional.empty()
                : level.map(l -> Checks.lookupText(l, "query.level", Checks.SHORT_TEXT));
        search = search == null ? Optional.empty() : search.map(LogQuery::checkSearch);
        Checks.notNull(window, "query.window");
    }

    private static String checkSearch(String s) {
        if (s.isEmpty()) {
            throw new InvalidArgumentException("query.search",
                    "query.search must not be empty; leave it out to match every message");
        }
        return Checks.lookupString(s, "query.search", Checks.LONG_TEXT);
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} entries of every instance of the tenant. */
    public static LogQuery all() {
        return new LogQuery(Optional.empty(), Optional.empty(), Optional.empty(), TimeWindow.latest());
    }

    /** The newest {@value TimeWindow#DEFAULT_LIMIT} entries of one instance. */
    public static LogQuery forInstance(InstanceId id) {
        return all().withInstance(id);
    }

    public LogQuery withInstance(InstanceId id) {
        return new LogQuery(Optional.of(Checks.notNull(id, "query.instanceId")), level, search, window);
    }

    public LogQuery withLevel(String l) {
        return new LogQuery(instanceId, Optional.of(Checks.notNull(l, "query.level")), search, window);
    }

    public LogQuery withSearch(String s) {
        return new LogQuery(instanceId, level, Optional.of(Checks.notNull(s, "query.search")), window);
    }

    public LogQuery withWindow(TimeWindow w) {
        return new LogQuery(instanceId, level, search, w);
    }

    /** Whether {@code e} meets every criterion and lies within the window's bounds (not its limit; not the tenant). */
    public boolean matches(LogEntry e) {
        return instanceId.map(i -> i.equals(e.instanceId())).orElse(true)
                && level.map(l -> l.equals(e.level())).orElse(true)
                && search.map(s -> messageMatches(e.message(), s)).orElse(true)
                && window.contains(e.timestamp());
    }

    /**
     * The search rule every backend follows: {@code message} contains {@code search} after both are lower-cased with
     * Unicode rules independent of the default locale ({@link Locale#ROOT}), so {@code ZÜRICH} finds {@code zürich}.
     * A search text that no message can hold (U+0000 or an unpaired surrogate, see the TCK's value domain) matches
     * nothing, not even half of a stored surrogate pair.
     */
    public static boolean messageMatches(String message, String search) {
        return Checks.isStorable(search)
                && message.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT));
    }
}
