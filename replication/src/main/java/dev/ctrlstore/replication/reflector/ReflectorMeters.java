package dev.ctrlstore.replication.reflector;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * A reflector's state as Micrometer meters, read from {@link Reflector#state()} when the registry is scraped. Loaded
 * only when a registry is given, so a reflector without one needs no Micrometer on the classpath.
 */
final class ReflectorMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private ReflectorMeters(MeterRegistry registry, Reflector reflector) {
        this.registry = registry;
        Tags tags = Tags.of("ldb", reflector.ldb().toString());
        meters.add(Gauge.builder("ctrlstore.reflector.position", reflector, r -> r.state().position())
                .description("seq of the last ledger entry applied to the LDB").tags(tags).register(registry));
        meters.add(Gauge.builder("ctrlstore.reflector.lag", reflector, r -> r.state().lag().toNanos() / 1e9)
                .description("how far the LDB is behind the center").baseUnit("seconds").tags(tags)
                .register(registry));
        meters.add(Gauge.builder("ctrlstore.reflector.wal", reflector, r -> r.state().walBytes())
                .description("size of the LDB's WAL file").baseUnit("bytes").tags(tags).register(registry));
        meters.add(Gauge.builder("ctrlstore.reflector.wal.pinned", reflector,
                        r -> r.state().walPinnedFor().toNanos() / 1e9)
                .description("how long a reader's snapshot has kept checkpoints from finishing").baseUnit("seconds")
                .tags(tags).register(registry));
        meters.add(Gauge.builder("ctrlstore.reflector.center.reachable", reflector,
                        r -> r.state().centerReachable() ? 1 : 0)
                .description("1 when the last call to the center succeeded").tags(tags).register(registry));
        meters.add(Gauge.builder("ctrlstore.reflector.halted", reflector,
                        r -> r.state().phase() == ReflectorState.Phase.HALTED ? 1 : 0)
                .description("1 when the reflector stopped on an error retrying cannot fix").tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder("ctrlstore.reflector.entries", reflector, r -> r.state().entries())
                .description("ledger entries applied").tags(tags).register(registry));
        meters.add(FunctionCounter.builder("ctrlstore.reflector.batches", reflector, r -> r.state().batches())
                .description("batches (SQLite transactions) applied").tags(tags).register(registry));
    }

    static AutoCloseable bind(Object registry, Reflector reflector) {
        return new ReflectorMeters((MeterRegistry) registry, reflector);
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
