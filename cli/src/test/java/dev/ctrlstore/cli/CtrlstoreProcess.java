package dev.ctrlstore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built command ({@code target/ctrlstore.jar}, made before the tests run) as a child process of the JVM running
 * the tests, its output captured in files.
 */
final class CtrlstoreProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "ctrlstore.jar").toAbsolutePath();
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Process process;
    private final Path out;
    private final Path err;

    private CtrlstoreProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java -jar target/ctrlstore.jar args} with these extra environment variables. */
    static CtrlstoreProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return start(workDir, env, command);
    }

    static CtrlstoreProcess start(Path workDir, Map<String, String> env, List<String> command) throws IOException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "out-", ".txt");
        Path err = Files.createTempFile(workDir, "err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().keySet().removeIf(k -> k.startsWith("CTRLSTORE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return new CtrlstoreProcess(p, out, err);
    }

    /** Runs a short command to its end (at most 60 s), with the JVM options the launcher gives short commands. */
    static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        try (CtrlstoreProcess p = start(workDir, env, command)) {
            return p.awaitExit(Duration.ofSeconds(60));
        }
    }

    /** Waits for a line of stdout matching {@code regex} and returns its match; fails when the process ends first. */
    Matcher awaitOutput(String regex, Duration timeout) throws Exception {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(stdout());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("ctrlstore exited with " + process.exitValue() + " before printing /"
                        + regex + "/; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no /" + regex + "/ within " + timeout + "; stdout:\n" + stdout() + "\nstderr:\n"
                + stderr());
    }

    /** SIGTERM, then the exit. */
    Result terminate(Duration timeout) throws Exception {
        process.destroy();
        return awaitExit(timeout);
    }

    Result awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("ctrlstore did not exit within " + timeout + "; stdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return new Result(process.exitValue(), stdout(), stderr());
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** How a run ended. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
