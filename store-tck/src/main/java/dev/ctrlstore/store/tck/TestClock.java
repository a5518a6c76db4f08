package dev.ctrlstore.store.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. The contract hands one to the store under test so that
 * timestamps are predictable; thread-safe.
 */
public final class TestClock extends Clock {
    /** Where every contract test's clock starts: a non-round instant with microseconds. */
    public static final Instant START = Instant.parse("2026-03-14T15:09:26.535897Z");

    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock standing at {@link #START}. */
    public static TestClock create() {
        return new TestClock(START);
    }

    public static TestClock startingAt(Instant start) {
        return new TestClock(start);
    }

    /** Moves the clock forward (or back, for a negative duration) and returns the new instant. */
    public Instant advance(Duration d) {
        return now.updateAndGet(t -> t.plus(d));
    }

    /** Moves the clock to {@code t}. */
    public void set(Instant t) {
        now.set(t);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock is always UTC");
    }
}
