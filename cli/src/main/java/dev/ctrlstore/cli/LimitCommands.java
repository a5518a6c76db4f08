package dev.ctrlstore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code table-limits} and {@code writer-limits} with their read, update and delete subcommands. */
final class LimitCommands {
    private LimitCommands() {
    }

    @Command(name = "table-limits", mixinStandardHelpOptions = true,
            description = "Size limits of control tables.",
            subcommands = {TableLimits.Read.class, TableLimits.Update.class, TableLimits.Delete.class})
    static final class TableLimits {

        /** The table a limit is about. */
        static final class Target {
            @Option(names = {"-f", "--family"}, required = true, description = "The table's family.")
            String family;

            @Option(names = {"-t", "--table"}, required = true, description = "The table.")
            String table;
        }

        @Command(name = "read", mixinStandardHelpOptions = true,
                description = "Prints the default and every table's limits (JSON).")
        static final class Read implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Override
            public Integer call() {
                System.out.println(executive.client().tableLimits());
                return 0;
            }
        }

        @Command(name = "update", mixinStandardHelpOptions = true, description = "Sets a table's size limits.")
        static final class Update implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Mixin
            Target target;

            @Option(names = "--max-size", required = true, paramLabel = "BYTES",
                    description = "Writes are refused above this size.")
            long maxSize;

            @Option(names = "--warn-size", required = true, paramLabel = "BYTES",
                    description = "A warning is raised above this size (at most --max-size).")
            long warnSize;

            @Override
            public Integer call() {
                if (warnSize > maxSize) {
                    throw new Main.UsageException("--warn-size " + warnSize + " must not exceed --max-size "
                            + maxSize);
                }
                executive.client().setTableLimit(target.family, target.table, warnSize, maxSize);
                System.out.println("limits of " + target.family + "." + target.table + " set");
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Removes a table's own limits (the defaults apply again).")
        static final class Delete implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Mixin
            Target target;

            @Override
            public Integer call() {
                executive.client().deleteTableLimit(target.family, target.table);
                System.out.println("limits of " + target.family + "." + target.table + " deleted");
                return 0;
            }
        }
    }

    @Command(name = "writer-limits", mixinStandardHelpOptions = true,
            description = "Rate limits of writers (rows per period).",
            subcommands = {WriterLimits.Read.class, WriterLimits.Update.class, WriterLimits.Delete.class})
    static final class WriterLimits {

        @Command(name = "read", mixinStandardHelpOptions = true,
                description = "Prints the default and every writer's rate limit (JSON).")
        static final class Read implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Override
            public Integer call() {
                System.out.println(executive.client().writerLimits());
                return 0;
            }
        }

        @Command(name = "update", mixinStandardHelpOptions = true, description = "Sets a writer's rate limit.")
        static final class Update implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Option(names = {"-w", "--writer"}, required = true, description = "The writer.")
            String writer;

            @Option(names = "--rows-per-minute", required = true, paramLabel = "N",
                    description = "Rows the writer may write per minute.")
            long rowsPerMinute;

            @Override
            public Integer call() {
                executive.client().setWriterLimit(writer, rowsPerMinute, Duration.ofMinutes(1));
                System.out.println("rate limit of " + writer + " set to " + rowsPerMinute + " rows per minute");
                return 0;
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Removes a writer's own rate limit (the default applies again).")
        static final class Delete implements Callable<Integer> {
            @Mixin
            ExecutiveOptions executive;

            @Option(names = {"-w", "--writer"}, required = true, description = "The writer.")
            String writer;

            @Override
            public Integer call() {
                executive.client().deleteWriterLimit(writer);
                System.out.println("rate limit of " + writer + " deleted");
                return 0;
            }
        }
    }
}
