package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.Map;

/**
 * One service as recorded in a release.
 *
 * @param name the service's name within the instance
 * @param image the image, required
 * @param env the environment
 */
public record ServiceSnapshot(String name, String image, Map<String, String> env) {
    public ServiceSnapshot {
        name = Checks.slug(name, "service.name");
        image = Checks.text(image, "service.image", Checks.LONG_TEXT);
        env = Checks.stringMap(env, "service.env");
    }
}
