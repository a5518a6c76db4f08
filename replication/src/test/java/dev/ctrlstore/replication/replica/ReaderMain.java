package dev.ctrlstore.replication.replica;

import dev.ctrlstore.store.id.InstanceId;
import dev.ctrlstore.store.id.TenantId;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A reader-only application, run in a child JVM by {@link ReaderClasspathTest}: opens an LDB, waits for a position,
 * reads one instance and prints what it read and which driver classes it could load.
 * Arguments: LDB path, seq, tenant id, instance id.
 */
public final class ReaderMain {
    private ReaderMain() {
    }

    public static void main(String[] args) {
        try (LdbStore replica = LdbStore.builder().path(Path.of(args[0])).build()) {
            long applied = replica.awaitPosition(Long.parseLong(args[1]), Duration.ofSeconds(30));
            String name = replica.instances().get(TenantId.parse(args[2]), InstanceId.parse(args[3])).name();
            System.out.println("applied=" + applied);
            System.out.println("name=" + name);
        }
        System.out.println("postgresql=" + loadable("org.postgresql.Driver"));
        System.out.println("hikari=" + loadable("com.zaxxer.hikari.HikariDataSource"));
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, ReaderMain.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
