package dev.ctrlstore.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the host's LDB is. */
final class LdbOption {
    @Option(names = {"-l", "--ldb"}, paramLabel = "PATH",
            defaultValue = "${env:CTRLSTORE_LDB:-/var/lib/ctrlstore/ldb.db}",
            description = "The LDB file (env CTRLSTORE_LDB). Default: ${DEFAULT-VALUE}")
    Path ldb;
}
