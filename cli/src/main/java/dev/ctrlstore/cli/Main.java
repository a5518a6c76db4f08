package dev.ctrlstore.cli;

import dev.ctrlstore.server.client.ExecutiveException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Arrays;

/**
 * {@code ctrlstore}: every daemon (executive, reflector, sidecar, heartbeat), the client commands and {@code dev}, the
 * all-in-one on an embedded PostgreSQL. Exit codes: 0 done, 1 failed (one line on stderr saying what and what to do),
 * 2 bad usage.
 */
@Command(name = "ctrlstore", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Control tables with local read replicas: the daemons, the client commands and a dev mode.%n"
                + "Every setting is a flag or a CTRLSTORE_* environment variable (the flag wins).",
        subcommands = {DevCommand.class, ExecutiveCommand.class, SidecarCommand.class, ReflectorCommand.class, HeartbeatCommand.class,
                SchemaCommands.CreateFamily.class, SchemaCommands.CreateTable.class, SchemaCommands.AddFields.class,
                WriterCommands.RegisterWriter.class, WriterCommands.Mutate.class, LimitCommands.TableLimits.class,
                LimitCommands.WriterLimits.class, ReadKeysCommand.class, LdbCommands.ReadSeq.class, LdbCommands.Status.class,
                MigrateCommand.class, SecretKeyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log at DEBUG and print stack traces of failures.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    static int run(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        Logging.configure(debug);
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (debug) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("ctrlstore " + cmd.getCommandName() + ": " + message(e));
            return e instanceof UsageException ? 2 : 1;
        });
        return line.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see ctrlstore --help");
    }

    private static String message(Throwable e) {
        if (e instanceof ExecutiveException || e instanceof UsageException) {
            return e.getMessage();
        }
        String text = e.getMessage();
        return text == null || text.isBlank() ? e.getClass().getSimpleName() + " (run with --debug for details)"
                : text;
    }

    /** A setting that is wrong in a way the parser could not see (exit code 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ctrlstore " + (v == null ? "(development build)" : v)};
        }
    }
}
