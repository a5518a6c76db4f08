package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.Map;
import java.util.Optional;

/**
 * One service changed by a deployment.
 *
 * @param name the service's name within the instance
 * @param image the image being rolled out, required
 * @param env environment for the new version
 * @param healthCheck health check for the rollout; empty for none
 */
public record ServiceDeploySpec(String name, String image, Map<String, String> env,
        Optional<HealthCheckSpec> healthCheck) {
    public ServiceDeploySpec {
        name = Checks.slug(name, "service.name");
        image = Checks.text(image, "service.image", Checks.LONG_TEXT);
        env = Checks.stringMap(env, "service.env");
        healthCheck = healthCheck == null ? Optional.empty() : healthCheck;
    }
}
