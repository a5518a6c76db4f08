package dev.ctrlstore.replication.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code main} class of the test classpath run in its own JVM: lines it prints on stdout are read as they come,
 * stderr goes to a file (shown when something goes wrong), and it can be killed with SIGKILL. Closing stdin is the
 * polite way to ask a child to stop; {@link #close()} kills what is still running.
 */
final class ChildJvm implements AutoCloseable {

    /** JDK 25 writes an ahead-of-time cache in one run (JEP 514); older JDKs a dynamic class-data archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    /** This JVM's class path with every folder packed into a jar: the JDK archives classes from jars only. */
    private static final ArchivableClassPath ARCHIVED = ArchivableClassPath.of(System.getProperty("java.class.path"));

    /** What stdout delivers once the child has exited and every line was taken. */
    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = Thread.ofPlatform().daemon().name("stdout of " + name).start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The child died mid-line (killed): what was read is all there is.
            } finally {
                lines.add(END);
            }
        });
        reader.setUncaughtExceptionHandler((t, e) -> lines.add(END));
    }

    /**
     * Starts {@code main} in a new JVM with this JVM's class path, from the class archive a {@link #train} run of the
     * same main class left, if any.
     *
     * @param logDir where the child's stderr file goes ({@code <name>.err})
     */
    static ChildJvm start(String name, Class<?> main, Path logDir, List<String> args) throws IOException {
        Path archive = ARCHIVED.archive(main);
        List<String> flags = !Files.exists(archive) ? List.of()
                : AOT_CACHE ? List.of("-XX:AOTCache=" + archive) : List.of("-XX:SharedArchiveFile=" + archive);
        return start(name, main, logDir, args, flags);
    }

    /**
     * Starts {@code main} as {@link #start} does, recording the classes it loads: when it exits normally (a killed
     * JVM writes nothing) they go into an archive that later starts of the same main class load from — on a busy
     * machine the difference between a few and many seconds per start. Train one child at a time.
     */
    static ChildJvm train(String name, Class<?> main, Path logDir, List<String> args) throws IOException {
        Path archive = ARCHIVED.archive(main);
        return start(name, main, logDir, args, List.of(AOT_CACHE ? "-XX:AOTCacheOutput=" + archive
                : "-XX:ArchiveClassesAtExit=" + archive));
    }

    private static ChildJvm start(String name, Class<?> main, Path logDir, List<String> args, List<String> archive)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Short-lived JVMs started dozens of times: C1 only and a small heap start fastest.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m", "-XX:-UsePerfData"));
        command.addAll(archive);
        // The JVM's own warnings to stderr: stdout is the child's line protocol.
        command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "--enable-native-access=ALL-UNNAMED",
                "-Duser.timezone=" + System.getProperty("user.timezone", "UTC"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", ARCHIVED.classPath(), main.getName()));
        command.addAll(args);
        Files.createDirectories(logDir);
        Path stderr = logDir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        return new ChildJvm(name, process, stderr);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the first line matching {@code wanted} and returns it; lines before it are kept for {@link #output()}.
     *
     * @throws AssertionError naming the child, what it printed and its stderr, when the child exits first or
     *                        {@code timeout} passes
     */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        String line = pollLine(wanted, timeout);
        if (line == null) {
            throw new AssertionError(name + " printed no expected line within " + timeout + "; " + describe());
        }
        return line;
    }

    /** As {@link #awaitLine}, but returns null when {@code timeout} passes first. */
    String pollLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new AssertionError(name + " ended before printing the expected line; " + describe());
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for a line starting with {@code prefix} and returns the rest of it. */
    String awaitLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(l -> l.startsWith(prefix), timeout).substring(prefix.length()).strip();
    }

    /** SIGKILL (on Linux {@code destroyForcibly} sends it) and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
        }
    }

    /** Sends one line to the child's stdin. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the child's stdin (its signal to stop) and waits for it to exit; returns the exit code. */
    int stop(Duration timeout) throws InterruptedException, IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException e) {
            // Already gone: its exit code tells.
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " did not stop within " + timeout + " of its stdin closing; " + describe());
        }
        return process.exitValue();
    }

    /** Every stdout line taken so far, and whatever is still queued. */
    List<String> output() {
        List<String> all = new ArrayList<>(seen);
        lines.stream().filter(l -> !l.equals(END)).forEach(all::add);
        return all;
    }

    /** The child's stderr so far (the last 4,000 characters). */
    String stderr() {
        try {
            String text = Files.exists(stderr) ? Files.readString(stderr) : "";
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    String describe() {
        return "pid " + pid() + (process.isAlive() ? " running" : " exited " + process.exitValue())
                + "; stdout: " + output() + "; stderr (" + stderr + "):\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
