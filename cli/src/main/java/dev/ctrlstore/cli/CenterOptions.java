package dev.ctrlstore.cli;

import dev.ctrlstore.store.postgres.PostgresStore;
import picocli.CommandLine.Option;

/** The center database: a PostgreSQL JDBC URL and its credentials. */
final class CenterOptions {
    @Option(names = "--center-url", paramLabel = "JDBC-URL", defaultValue = "${env:CTRLSTORE_CENTER_URL}",
            description = "The center, e.g. jdbc:postgresql://db:5432/control (env CTRLSTORE_CENTER_URL).")
    String url;

    @Option(names = "--center-user", paramLabel = "USER", defaultValue = "${env:CTRLSTORE_CENTER_USER}",
            description = "Database user (env CTRLSTORE_CENTER_USER).")
    String user;

    @Option(names = "--center-password", paramLabel = "PASSWORD", defaultValue = "${env:CTRLSTORE_CENTER_PASSWORD}",
            description = "Database password (env CTRLSTORE_CENTER_PASSWORD; prefer the variable to the flag).")
    String password;

    /** A PostgreSQL store over the center with these credentials (not yet built). */
    PostgresStore.Builder postgres() {
        PostgresStore.Builder b = PostgresStore.builder().jdbcUrl(requireUrl());
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        return b;
    }

    /** The URL, or a usage error naming both ways to give it. */
    String requireUrl() {
        if (url == null || url.isBlank()) {
            throw new Main.UsageException("the center is needed: give --center-url or set CTRLSTORE_CENTER_URL "
                    + "(e.g. jdbc:postgresql://db:5432/control)");
        }
        return url;
    }
}
