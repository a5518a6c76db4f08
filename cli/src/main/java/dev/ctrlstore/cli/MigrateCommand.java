package dev.ctrlstore.cli;

import dev.ctrlstore.store.sql.SchemaMigrator;
import dev.ctrlstore.store.sql.SqlStore;
import dev.ctrlstore.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies the store's schema migrations to a center (PostgreSQL) or a SQLite file: what "
                + "`mvn flyway:migrate` does, without Maven. Idempotent.",
                "--center-url takes jdbc:postgresql://…, jdbc:sqlite:/path/file.db or a plain file path (SQLite)."})
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    CenterOptions center;

    @Override
    public Integer call() {
        String url = center.requireUrl();
        String vendor;
        SqlStore store;
        if (url.startsWith("jdbc:postgresql:")) {
            vendor = "postgresql";
            store = center.postgres().poolSize(2).build();
        } else if (url.startsWith("jdbc:sqlite:") || !url.startsWith("jdbc:")) {
            vendor = "sqlite";
            store = SqliteStore.builder().path(Path.of(url.startsWith("jdbc:sqlite:")
                    ? url.substring("jdbc:sqlite:".length()) : url)).build();
        } else {
            throw new Main.UsageException("--center-url '" + url + "' is neither jdbc:postgresql:… nor jdbc:sqlite:… "
                    + "nor a file path");
        }
        try (store) {
            store.migrate();
        }
        System.out.println("schema of " + url + " is at version " + SchemaMigrator.newestVersion(vendor));
        return 0;
    }
}
