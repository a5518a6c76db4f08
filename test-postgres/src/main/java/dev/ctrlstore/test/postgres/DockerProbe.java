package dev.ctrlstore.test.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks whether a Docker engine answers, cheaply: Testcontainers is only consulted when one of the places it looks
 * for an engine exists at all, and then only for a bounded time. Without this guard a machine with no engine would
 * pay Testcontainers' full strategy search, and its error log, on every run.
 */
final class DockerProbe {

    /** How long Testcontainers may take to find and ping an engine. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private DockerProbe() {
    }

    /** The answer, and in words why: for the log line and the "what was tried" message. */
    record Answer(boolean available, String reason) {
    }

    /** The usual engine sockets outside the user's home. */
    static List<Path> systemSockets(Map<String, String> environment) {
        List<Path> sockets = new ArrayList<>();
        sockets.add(Path.of("/var/run/docker.sock"));
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        return sockets;
    }

    /**
     * Where an engine could be configured or listening, as Testcontainers would look: {@code DOCKER_HOST},
     * {@code TESTCONTAINERS_*} variables, {@code ~/.testcontainers.properties}, a Docker CLI context, the given
     * system sockets, Docker Desktop's sockets in the home directory, and the Windows named pipe.
     *
     * @return descriptions of the places that exist; empty means "no engine", without asking Testcontainers
     */
    static List<String> endpoints(Map<String, String> environment, Path home, List<Path> systemSockets) {
        List<String> found = new ArrayList<>();
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            found.add("DOCKER_HOST=" + dockerHost);
        }
        environment.keySet().stream().filter(name -> name.startsWith("TESTCONTAINERS_")).sorted()
                .forEach(name -> found.add(name + " is set"));
        List<Path> files = new ArrayList<>(systemSockets);
        if (home != null) {
            files.add(home.resolve(".testcontainers.properties"));
            files.add(home.resolve(".docker/run/docker.sock"));
            files.add(home.resolve(".docker/desktop/docker.sock"));
        }
        for (Path file : files) {
            if (Files.exists(file)) {
                found.add(file.toString());
            }
        }
        if (home != null && hasCurrentContext(home.resolve(".docker/config.json"))) {
            found.add("a current context in " + home.resolve(".docker/config.json"));
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            found.add("the Windows named pipe //./pipe/docker_engine");
        }
        return found;
    }

    /** Whether Testcontainers can use a Docker engine; never takes much longer than {@link #TIMEOUT}. */
    static Answer ask(Map<String, String> environment) {
        String userHome = System.getProperty("user.home");
        List<String> endpoints = endpoints(environment, userHome == null ? null : Path.of(userHome),
                systemSockets(environment));
        if (endpoints.isEmpty()) {
            return new Answer(false, "no Docker engine configured or listening (DOCKER_HOST unset, no docker.sock)");
        }
        if (!testcontainersPresent()) {
            return new Answer(false, "Testcontainers (org.testcontainers:testcontainers) is not on the classpath");
        }
        // A daemon thread, so an engine that never answers cannot keep the JVM alive after the run.
        CompletableFuture<Boolean> ping = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                ping.complete(org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable t) {
                ping.completeExceptionally(t);
            }
        }, "ctrlstore-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            boolean available = ping.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(available, available ? "Docker answered at " + String.join(", ", endpoints)
                    : "no Docker engine answered at " + String.join(", ", endpoints));
        } catch (TimeoutException e) {
            return new Answer(false, "Docker did not answer within " + TIMEOUT.toSeconds() + " s at "
                    + String.join(", ", endpoints));
        } catch (ExecutionException e) {
            return new Answer(false, "asking Docker at " + String.join(", ", endpoints) + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "interrupted while asking Docker");
        }
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, DockerProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasCurrentContext(Path config) {
        try {
            return Files.isRegularFile(config) && Files.readString(config).contains("\"currentContext\"");
        } catch (Exception e) {
            return false;
        }
    }
}
