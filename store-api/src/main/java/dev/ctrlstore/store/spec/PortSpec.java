package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * A port a service listens on.
 *
 * @param container port inside the container, 1 to 65535
 * @param host port on the host, 0 to 65535 (0: not published)
 * @param protocol e.g. {@code tcp}, {@code udp}, {@code http}
 */
public record PortSpec(int container, int host, String protocol) {
    public PortSpec {
        Checks.range(container, 1, 65535, "port.container");
        Checks.range(host, 0, 65535, "port.host");
        protocol = Checks.optionalText(protocol, "port.protocol", Checks.SHORT_TEXT);
    }
}
