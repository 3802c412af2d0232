package org.congressvote.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts zonky's PostgreSQL binaries whole or not at all, before zonky looks for them.
 *
 * <p>zonky extracts into {@code <folder>/PG-<md5 of the archive>} in place, holding every file of the 55 MiB archive
 * in memory until written: a small heap runs out half-way, and the half-extracted folder then fails every later
 * start ({@code FileAlreadyExistsException} on a symbolic link). Here the archive is streamed into a temporary
 * sibling folder, marked complete as zonky marks it ({@code .exists}, newer than everything else), and renamed into
 * place in one step; zonky then finds it ready and extracts nothing. A folder left incomplete by an older zonky
 * extraction is deleted first.
 *
 * <p>The folder is the system property {@value #FOLDER_PROPERTY} (zonky's own), else the environment variable
 * {@value #FOLDER_ENV}, else zonky's default {@code <java.io.tmpdir>/embedded-pg}.
 */
final class PostgresBinaries {

    static final String FOLDER_PROPERTY = "ot.epg.working-dir";
    static final String FOLDER_ENV = "CONGRESS_PG_BINARIES_DIR";
    /** zonky's mark of a complete extraction, and its lock file inside a folder being extracted. */
    private static final String READY_MARK = ".exists";

    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration ZONKY_EXTRACTION_WAIT = Duration.ofSeconds(60);

    private PostgresBinaries() {}

    /** The folder that holds the extracted binaries, from the property, the environment or zonky's default. */
    static Path folder() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(FOLDER_ENV);
        }
        if (configured == null || configured.isBlank()) {
            configured =
                    Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
        }
        return Path.of(configured).toAbsolutePath();
    }

    /**
     * Makes sure {@code folder} holds a complete extraction of the binaries zonky will use, and returns
     * {@code folder} (for zonky's {@code setOverrideWorkingDirectory}). Safe across threads and processes.
     */
    static synchronized Path prepare(Path folder) {
        try {
            Files.createDirectories(folder);
            String digest = digest();
            Path target = folder.resolve("PG-" + digest);
            if (isReady(target)) {
                return folder;
            }
            try (FileChannel channel = FileChannel.open(
                            folder.resolve(".PG-" + digest + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!isReady(target)) { // another process may have finished while we waited for the lock
                    extract(folder, target);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not extract the PostgreSQL binaries into " + folder + " (set " + FOLDER_ENV
                            + " to another folder?)",
                    e);
        }
    }

    private static void extract(Path folder, Path target) throws IOException {
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(folder, "." + target.getFileName() + ".extracting-");
        try {
            try (InputStream archive = archive();
                    TarArchiveInputStream tar =
                            new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive, 1 << 16)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    write(staging, entry, tar);
                }
            }
            Files.createFile(staging.resolve(READY_MARK));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                removeIncomplete(folder, target);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            // zonky wants the mark at least as new as the folder and everything in it; the rename may touch the folder
            Files.setLastModifiedTime(target.resolve(READY_MARK), FileTime.fromMillis(System.currentTimeMillis()));
            System.out.printf(
                    "PostgreSQL binaries extracted into %s in %d ms%n",
                    target, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void write(Path root, TarArchiveEntry entry, InputStream content) throws IOException {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("Archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
        } else if (entry.isFile()) {
            try (OutputStream out = Files.newOutputStream(path)) {
                content.transferTo(out);
            }
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        } else {
            throw new IOException("Unsupported archive entry: " + entry.getName());
        }
    }

    /**
     * A folder without zonky's mark is a failed extraction, unless a zonky of another process is extracting into it
     * right now (it holds the lock file inside): then wait for it, as zonky itself would.
     */
    private static void removeIncomplete(Path folder, Path target) throws IOException {
        Path lockFile = target.resolve(ZONKY_LOCK);
        if (Files.exists(lockFile)) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    waitForZonky(target);
                }
            } catch (IOException e) {
                // the lock file went away: that extraction ended; judge the folder below
            }
        }
        if (isReady(target)) {
            return;
        }
        System.out.println("Removing the incomplete PostgreSQL binaries in " + target);
        Path trash = Files.createTempDirectory(folder, "." + target.getFileName() + ".incomplete-");
        Files.move(target, trash.resolve("PG"), StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(trash);
    }

    private static void waitForZonky(Path target) {
        long deadline = System.nanoTime() + ZONKY_EXTRACTION_WAIT.toNanos();
        while (!isReady(target) && System.nanoTime() < deadline) {
            Processes.sleep(Duration.ofSeconds(1));
        }
    }

    /** zonky's own test ({@code isPgBinReady}): the mark exists and is as new as the folder and its entries. */
    static boolean isReady(Path pgDir) {
        Path mark = pgDir.resolve(READY_MARK);
        if (!Files.isRegularFile(mark) || !Files.isDirectory(pgDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(pgDir)) {
            long markTime = mark.toFile().lastModified();
            long newest = entries.filter(p -> !p.equals(mark))
                    .mapToLong(p -> p.toFile().lastModified())
                    .max()
                    .orElse(Long.MAX_VALUE);
            return pgDir.toFile().lastModified() - 100 <= markTime && newest <= markTime;
        } catch (IOException e) {
            return false;
        }
    }

    /** The MD5 of the archive, as zonky names the folder after it; reads the 14 MiB archive without keeping it. */
    private static String digest() throws IOException {
        try (DigestInputStream in = new DigestInputStream(archive(), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No MD5 in this JVM", e);
        }
    }

    /** The archive zonky itself would pick (its operating system and architecture names). */
    private static InputStream archive() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, "amd64".equals(arch) ? "x86_64" : arch);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
