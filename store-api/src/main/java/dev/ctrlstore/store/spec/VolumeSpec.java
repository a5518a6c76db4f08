package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * A volume mounted into a service.
 *
 * @param name volume name, required
 * @param mountPath where it is mounted, required
 * @param sizeMb size in MiB, not negative
 * @param type provider-specific volume type; {@code ""} for the default
 */
public record VolumeSpec(String name, String mountPath, int sizeMb, String type) {
    public VolumeSpec {
        name = Checks.text(name, "volume.name", Checks.SHORT_TEXT);
        mountPath = Checks.text(mountPath, "volume.mountPath", Checks.LONG_TEXT);
        Checks.nonNegative(sizeMb, "volume.sizeMb");
        type = Checks.optionalText(type, "volume.type", Checks.SHORT_TEXT);
    }
}
