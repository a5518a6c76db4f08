package dev.ctrlstore.replication.process;

import dev.ctrlstore.replication.reflector.Reflector;
import dev.ctrlstore.store.sql.ledger.LedgerSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A reflector in a process of its own, as a host runs it: follows the center into the LDB until its stdin closes
 * (then it closes the reflector and exits 0) or it is killed. Prints {@code STARTED <position>} once the LDB is open
 * and {@code STOPPED <position>} after a clean close; {@code APPLIED <position>} whenever its position moves.
 *
 * <p>First it warms up — loads the heavy classes and reads the center's head — prints {@code WARM} and waits for a
 * {@code GO} line. A test that kills reflectors in a loop starts the next one while the current one runs, so a
 * restart costs little more than opening the LDB.
 *
 * <p>Arguments: the LDB file, the center's JDBC URL, user, password (may be empty), batch size.
 */
public final class ReflectorChild {

    private static final String[] WARM_CLASSES = {"dev.ctrlstore.replication.reflector.Reflector",
        "dev.ctrlstore.replication.ldb.Ldb", "org.flywaydb.core.Flyway", "org.jooq.impl.DSL", "org.sqlite.JDBC",
        "dev.ctrlstore.store.jooq.Tables", "dev.ctrlstore.store.sql.ledger.RowImages"};

    private ReflectorChild() {
    }

    public static void main(String[] args) throws Exception {
        Path ldb = Path.of(args[0]);
        for (String name : WARM_CLASSES) {
            Class.forName(name, true, ReflectorChild.class.getClassLoader());
        }
        try (LedgerSource probe = source(args)) {
            probe.head();
        }
        System.out.println("WARM");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            return;
        }
        Reflector reflector = Reflector.builder().ldb(ldb).source(source(args)).batchSize(Integer.parseInt(args[4]))
                .pollInterval(Duration.ofMillis(200)).build().start();
        System.out.println("STARTED " + reflector.state().position());
        Thread.ofPlatform().daemon().start(() -> {
            long shown = reflector.state().position();
            while (true) {
                long position = reflector.state().position();
                if (position != shown) {
                    System.out.println("APPLIED " + position);
                    shown = position;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        while (in.readLine() != null) {
            // Only the end of stdin means something.
        }
        reflector.close();
        System.out.println("STOPPED " + reflector.state().position() + " " + reflector.state().lastError().orElse(""));
    }

    private static LedgerSource source(String[] args) {
        return Sources.center(args[1], args[2], args[3]);
    }
}
