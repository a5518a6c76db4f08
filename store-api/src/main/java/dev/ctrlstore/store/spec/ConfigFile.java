package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

/**
 * A configuration file mounted into a service. Its content is stored in full with the instance.
 *
 * @param name file name, required
 * @param path mount path, required
 * @param format by convention {@code json}, {@code yaml}, {@code env} or {@code text}
 * @param content the file's text, at most 1 Mi characters
 */
public record ConfigFile(String name, String path, String format, String content) {
    public ConfigFile {
        name = Checks.text(name, "configFile.name", Checks.SHORT_TEXT);
        path = Checks.text(path, "configFile.path", Checks.LONG_TEXT);
        format = Checks.optionalText(format, "configFile.format", Checks.SHORT_TEXT);
        content = Checks.optionalText(content, "configFile.content", Checks.LONG_TEXT);
    }
}
