package dev.ctrlstore.cli;

import dev.ctrlstore.server.client.ExecutiveClient;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Where the write service is, and the admin token: shared by the client commands and the heartbeat. */
final class ExecutiveOptions {
    @Option(names = {"-e", "--executive"}, paramLabel = "URL",
            defaultValue = "${env:CTRLSTORE_EXECUTIVE:-http://127.0.0.1:7480}",
            description = "The executive's address (env CTRLSTORE_EXECUTIVE). Default: ${DEFAULT-VALUE}")
    String executive;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:CTRLSTORE_ADMIN_TOKEN}",
            description = "The executive's admin token, for schema, writer and limit calls (env CTRLSTORE_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:CTRLSTORE_TIMEOUT:-30s}",
            converter = DurationConverter.class,
            description = "Longest wait for each answer (env CTRLSTORE_TIMEOUT). Default: ${DEFAULT-VALUE}")
    Duration timeout;

    ExecutiveClient client() {
        try {
            return ExecutiveClient.builder().uri(executive).adminToken(adminToken).timeout(timeout).build();
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--executive: " + e.getMessage());
        }
    }
}
