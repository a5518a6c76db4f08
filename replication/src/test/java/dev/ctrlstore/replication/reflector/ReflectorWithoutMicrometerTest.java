package dev.ctrlstore.replication.reflector;

import dev.ctrlstore.replication.ldb.ControlData;
import dev.ctrlstore.replication.ldb.LdbSignals;
import dev.ctrlstore.store.sql.ledger.LedgerMode;
import dev.ctrlstore.store.sqlite.SqliteStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Micrometer is optional: a reflector without a registry runs with no Micrometer class on the class path. */
class ReflectorWithoutMicrometerTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a reflector follows a center with Micrometer absent from the class path")
    void runsWithoutMicrometer() throws Exception {
        Path center = dir.resolve("center.db");
        long head;
        try (SqliteStore store = SqliteStore.builder().path(center).ledger(LedgerMode.SYNC).build()) {
            store.migrate();
            ControlData.populate(store, "1");
            head = store.ledger().head().seq();
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass(ReflectorMeters.class.getName()).getDeclaredFields())
                    .as("the meters need Micrometer").isInstanceOf(NoClassDefFoundError.class);

            @SuppressWarnings("unchecked")
            Function<String[], Boolean> follow = (Function<String[], Boolean>) loader.loadClass(Follow.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertThat(follow.getClass().getClassLoader()).isSameAs(loader);

            assertThat(follow.apply(new String[] {center.toString(), dir.resolve("ldb.db").toString(),
                    Long.toString(head)})).isTrue();
        }
    }

    /** Runs inside the class loader without Micrometer: starts a reflector and waits until it applied the head. */
    public static final class Follow implements Function<String[], Boolean> {
        @Override
        public Boolean apply(String[] args) {
            Path ldb = Path.of(args[1]);
            try (Reflector reflector = Reflector.builder().ldb(ldb)
                    .source(JdbcLedgerSource.builder().jdbcUrl("jdbc:sqlite:" + args[0]).build()).build().start()) {
                return LdbSignals.await(ldb, Long.parseLong(args[2]), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
