package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * A network endpoint an instance exposes.
 *
 * @param serviceName the service it belongs to; {@code ""} for the main service
 * @param url the address, required
 * @param port 0 to 65535
 * @param protocol e.g. {@code http}
 * @param isPublic whether it is reachable from outside the provider's network
 */
public record Endpoint(String serviceName, String url, int port, String protocol, boolean isPublic) {
    public Endpoint {
        serviceName = Checks.optionalText(serviceName, "endpoint.serviceName", Checks.SHORT_TEXT);
        url = Checks.text(url, "endpoint.url", Checks.LONG_TEXT);
        Checks.range(port, 0, 65535, "endpoint.port");
        protocol = Checks.optionalText(protocol, "endpoint.protocol", Checks.SHORT_TEXT);
    }
}
