package dev.ctrlstore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writer registration and mutations. */
final class WriterCommands {
    private WriterCommands() {
    }

    /** The writer's name and secret. */
    static final class WriterOptions {
        @Option(names = {"-w", "--writer"}, paramLabel = "NAME", defaultValue = "${env:CTRLSTORE_WRITER}",
                description = "The writer (env CTRLSTORE_WRITER).")
        String writer;

        @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:CTRLSTORE_WRITER_SECRET}",
                description = "The writer's secret (env CTRLSTORE_WRITER_SECRET; prefer the variable to the flag).")
        String secret;

        void require() {
            if (writer == null || writer.isBlank()) {
                throw new Main.UsageException("the writer is needed: give --writer or set CTRLSTORE_WRITER");
            }
            if (secret == null || secret.isEmpty()) {
                throw new Main.UsageException("the writer's secret is needed: give --secret or set "
                        + "CTRLSTORE_WRITER_SECRET");
            }
        }
    }

    @Command(name = "register-writer", mixinStandardHelpOptions = true,
            description = "Registers a writer with its secret (the same secret again is a no-op).")
    static final class RegisterWriter implements Callable<Integer> {
        @Mixin
        ExecutiveOptions executive;

        @Mixin
        WriterOptions writer;

        @Override
        public Integer call() {
            writer.require();
            executive.client().registerWriter(writer.writer, writer.secret);
            System.out.println("registered writer " + writer.writer);
            return 0;
        }
    }

    @Command(name = "mutate", mixinStandardHelpOptions = true,
            description = {"Sends one mutation request of a family, all or nothing, and prints its ledger seq.",
                    "The JSON body: {\"cookie\":…,\"check_cookie\":…,\"mutations\":[{\"table\":\"t\",\"delete\":false,"
                            + "\"values\":{…}}]} from FILE, or stdin when FILE is - or missing."})
    static final class Mutate implements Callable<Integer> {
        @Mixin
        ExecutiveOptions executive;

        @Mixin
        WriterOptions writer;

        @Option(names = {"-f", "--family"}, required = true, description = "The family written.")
        String family;

        @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "-",
                description = "The request's JSON (- for stdin).")
        String file;

        @Override
        public Integer call() throws IOException {
            writer.require();
            String body = "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
            long seq = executive.client().mutate(family, writer.writer, writer.secret, body);
            System.out.println(seq);
            return 0;
        }
    }
}
