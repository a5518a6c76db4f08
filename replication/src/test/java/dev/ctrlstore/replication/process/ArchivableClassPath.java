package dev.ctrlstore.replication.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A class path that the JDK can put in a class-data archive: each folder (the modules' {@code target/classes}) packed
 * into a jar in a temporary folder, jars as they are.
 *
 * @param classPath the class path to give children
 * @param folder    where the jars are, and the children's archives (so they live as long as the jars do)
 */
record ArchivableClassPath(String classPath, Path folder) {

    /** Where the archive of children running {@code main} goes. */
    Path archive(Class<?> main) {
        return folder.resolve(main.getSimpleName() + ".jsa");
    }

    static ArchivableClassPath of(String classPath) {
        try {
            Path folder = Files.createTempDirectory("ctrlstore-child-classpath");
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    Path jar = folder.resolve((n++) + "-" + path.getParent().getFileName() + "-" + path.getFileName()
                            + ".jar");
                    pack(path, jar);
                    entries.add(jar.toString());
                } else if (Files.exists(path)) {
                    entries.add(entry);
                }
            }
            deleteOnExit(folder);
            return new ArchivableClassPath(String.join(java.io.File.pathSeparator, entries), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not pack the class path for child JVMs: " + e.getMessage(), e);
        }
    }

    private static void pack(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> files = Files.walk(folder)) {
            zip.setLevel(0);
            for (Path path : (Iterable<Path>) files.sorted()::iterator) {
                if (path.equals(folder)) {
                    continue;
                }
                String name = folder.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                if (Files.isDirectory(path)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // A temporary folder left behind.
            }
        }));
    }
}
