package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of an instance: what runs and how. All collections are unmodifiable copies.
 *
 * @param name unique within the instance, a DNS label
 * @param image container image reference, required
 * @param role the service's role
 * @param dependsOn names of services that must start first
 * @param resources requested resources
 * @param env environment variables
 * @param ports listening ports
 * @param volumes mounted volumes
 * @param healthCheck deploy-time health check; empty for none
 * @param secrets secrets handed to the service
 * @param configFiles configuration files mounted into it
 * @param annotations provider-specific annotations
 * @param command entry point override
 * @param args arguments
 */
public record ServiceSpec(String name, String image, ServiceRole role, List<String> dependsOn,
        ResourceSpec resources, Map<String, String> env, List<PortSpec> ports, List<VolumeSpec> volumes,
        Optional<HealthCheckSpec> healthCheck, List<SecretRef> secrets, List<ConfigFile> configFiles,
        Map<String, String> annotations, List<String> command, List<String> args) {
    public ServiceSpec {
        name = Checks.slug(name, "service.name");
        image = Checks.text(image, "service.image", Checks.LONG_TEXT);
        role = role == null ? ServiceRole.MAIN : role;
        dependsOn = Checks.stringList(dependsOn, "service.dependsOn", Checks.SHORT_TEXT);
        resources = resources == null ? ResourceSpec.NONE : resources;
        env = Checks.stringMap(env, "service.env");
        ports = Checks.list(ports, "service.ports");
        volumes = Checks.list(volumes, "service.volumes");
        healthCheck = healthCheck == null ? Optional.empty() : healthCheck;
        secrets = Checks.list(secrets, "service.secrets");
        configFiles = Checks.list(configFiles, "service.configFiles");
        annotations = Checks.stringMap(annotations, "service.annotations");
        command = Checks.stringList(command, "service.command", Checks.LONG_TEXT);
        args = Checks.stringList(args, "service.args", Checks.LONG_TEXT);
    }

    /** A main service running {@code image} with no further settings. */
    public static ServiceSpec of(String name, String image) {
        return new ServiceSpec(name, image, ServiceRole.MAIN, List.of(), ResourceSpec.NONE, Map.of(), List.of(),
                List.of(), Optional.empty(), List.of(), List.of(), Map.of(), List.of(), List.of());
    }
}
