package org.carbonaware.planner.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files through temporary siblings and renames, so readers never see a half-written file. A group of files
 * (a solution JSON and its CSV) is written completely to temporaries first and renamed in order, the file readers
 * look for last; on a failure every temporary is deleted and no file of the group is left behind. Temporaries of
 * an interrupted write (Ctrl-C, SIGTERM) are deleted by a shutdown hook.
 */
public final class AtomicFiles {

    /** Temporaries being written, deleted if the JVM shuts down before they are renamed. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(AtomicFiles::deleteQuietly),
                "delete-temporary-output"));
    }

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] content) {
        writeAll(Map.of(target, content));
    }

    /**
     * Writes every file to a temporary, then renames them in the map's order (put the file that marks the group as
     * complete last). On any failure the temporaries and the files this call already renamed are deleted.
     *
     * @throws InputException naming the file that could not be written
     */
    public static void writeAll(Map<Path, byte[]> contentByTarget) {
        Map<Path, Path> temporaryByTarget = new LinkedHashMap<>();
        List<Path> renamed = new ArrayList<>();
        Path current = null;
        try {
            for (Map.Entry<Path, byte[]> entry : contentByTarget.entrySet()) {
                current = entry.getKey();
                Path absolute = current.toAbsolutePath();
                if (Files.isDirectory(absolute)) {
                    throw new IOException("is a directory");
                }
                Path directory = absolute.getParent();
                Files.createDirectories(directory);
                Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
                IN_FLIGHT.add(temporary);
                temporaryByTarget.put(absolute, temporary);
                Files.write(temporary, entry.getValue());
                try {
                    // Temporary files are private; the result should read like any other output file.
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: keep the platform default
                }
            }
            for (Map.Entry<Path, Path> entry : temporaryByTarget.entrySet()) {
                current = entry.getKey();
                move(entry.getValue(), entry.getKey());
                IN_FLIGHT.remove(entry.getValue());
                renamed.add(entry.getKey());
            }
        } catch (IOException e) {
            renamed.forEach(AtomicFiles::deleteQuietly);
            throw new InputException(current + ": cannot write: " + describe(e) + ". Maybe check the path and its directory?");
        } finally {
            for (Path temporary : temporaryByTarget.values()) {
                if (IN_FLIGHT.remove(temporary)) {
                    deleteQuietly(temporary);
                }
            }
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null) {
            message = fileSystem.getReason();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the error that led here is the one worth reporting
        }
    }
}
