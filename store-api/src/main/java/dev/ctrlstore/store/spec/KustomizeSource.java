package dev.ctrlstore.store.spec;

import dev.ctrlstore.store.internal.Checks;

import java.util.Map;

/**
 * A kustomization given inline.
 *
 * @param files path to file content
 * @param root the directory holding {@code kustomization.yaml}; {@code ""} for the top
 */
public record KustomizeSource(Map<String, String> files, String root) {
    public KustomizeSource {
        files = Checks.stringMap(files, "kustomize.files");
        root = Checks.optionalText(root, "kustomize.root", Checks.LONG_TEXT);
    }
}
