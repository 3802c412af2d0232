package org.congressvote.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A real PostgreSQL 14 (zonky binaries) on a persistent data folder, with the durability zonky turns off turned back on.
 *
 * <p>Authentication is {@code trust} on loopback only: user {@value #USER}, any password, database {@value #DATABASE}.
 * The server log goes to a file outside the data folder (by default {@code <dataDir>.log}): initdb wants it empty.
 * The binaries are extracted once per machine into {@link PostgresBinaries#folder()}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "congress";
    public static final String USER = "postgres";
    /** Ignored by the server (trust authentication); the services still send it. */
    public static final String PASSWORD = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(180);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_WAIT = Duration.ofSeconds(15);

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final boolean takeOverOrphan;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, int port, Path logFile, boolean takeOverOrphan) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.takeOverOrphan = takeOverOrphan;
    }

    /** Starts PostgreSQL on {@code dataDir} (created and initialised when empty); port 0 picks a free port. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path absolute = dataDir.toAbsolutePath();
        return start(absolute, port, absolute.resolveSibling(absolute.getFileName() + ".log"));
    }

    /** As {@link #start(Path, int)}, with the server log appended to {@code logFile} (outside the data folder). */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Path logFile) {
        return start(dataDir, port, logFile, false);
    }

    /**
     * As {@link #start(Path, int, Path)}; with {@code takeOverOrphan}, a postmaster still running on {@code dataDir}
     * is stopped (fast shutdown) first instead of refused. That is what a supervised launcher wants: when the launcher
     * was killed with -9, its postmaster lives on (pg_ctl detached it) with no one left to stop it, and the restarted
     * launcher would otherwise fail on "already running" forever.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Path logFile, boolean takeOverOrphan) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(
                dataDir.toAbsolutePath(), Ports.freeIfZero(port), logFile.toAbsolutePath(), takeOverOrphan);
        server.startPostmaster();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Opens a connection to the {@value #DATABASE} database as {@value #USER}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** The postmaster's process id, from the first line of {@code postmaster.pid}, for fault tests that kill it. */
    public long postmasterPid() {
        return readPostmasterPid()
                .orElseThrow(() ->
                        new IllegalStateException("PostgreSQL is not running on " + dataDir + ": no postmaster.pid"));
    }

    public synchronized boolean isRunning() {
        return postgres != null && readPostmasterPid().stream().anyMatch(Processes::alive);
    }

    /** Kills the postmaster with SIGKILL, as a crash would, and waits until it is gone. */
    public void killPostmaster() {
        long pid = postmasterPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        if (!Processes.awaitExit(pid, Duration.ofSeconds(10))) {
            throw new IllegalStateException("Postmaster " + pid + " survived SIGKILL for 10 s");
        }
    }

    /** Stops (or cleans up after a killed postmaster) and starts again on the same folder and port. */
    public synchronized void restart() {
        close();
        startPostmaster();
    }

    /** Fast shutdown (a checkpoint, no data loss); waits until the postmaster has exited. Idempotent. */
    @Override
    public synchronized void close() {
        if (postgres == null) {
            return;
        }
        OptionalLong pid = readPostmasterPid();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on " + dataDir, e);
        } finally {
            postgres = null;
        }
        // pg_ctl gives up after 5 s, but the postmaster keeps shutting down: a restart must wait for it.
        pid.ifPresent(p -> Processes.awaitExit(p, STOP_WAIT));
    }

    private synchronized void startPostmaster() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            clearStalePostmaster();
            Redirect log = Redirect.appendTo(logFile().toFile());
            postgres = EmbeddedPostgres.builder()
                    // extracted whole or not at all (PostgresBinaries); zonky finds them ready
                    .setOverrideWorkingDirectory(
                            PostgresBinaries.prepare(PostgresBinaries.folder()).toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky starts with -F and synchronous_commit=off; our votes must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // the same sort order and messages on every machine, whatever its locale
                    .setLocaleConfig("locale", "C")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            createDatabaseIfMissing();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "PostgreSQL did not start on port " + port + " with data in " + dataDir + "; see " + logFile(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE + " on port " + port, e);
        }
    }

    /**
     * After a kill -9 the postmaster.pid stays behind, and the killed postmaster's backends hold its shared memory
     * until they notice and exit. Wait for them, then remove the file so a reused pid cannot block the start.
     */
    private void clearStalePostmaster() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long deadline = System.nanoTime() + ORPHAN_WAIT.toNanos();
        List<ProcessHandle> holders = processesWorkingIn(dataDir);
        OptionalLong recorded = readPostmasterPid();
        if (recorded.isPresent() && holders.stream().anyMatch(p -> p.pid() == recorded.getAsLong())) {
            if (takeOverOrphan) {
                stopOrphan(recorded.getAsLong());
                clearStalePostmaster();
                return;
            }
            throw new IllegalStateException("PostgreSQL is already running on " + dataDir + " (pid "
                    + recorded.getAsLong() + "); stop it first");
        }
        while (!holders.isEmpty() && System.nanoTime() < deadline) {
            Processes.sleep(Duration.ofMillis(100));
            holders = processesWorkingIn(dataDir);
        }
        if (!holders.isEmpty()) {
            throw new IllegalStateException("Processes of a previous PostgreSQL still run in " + dataDir + ": "
                    + holders.stream().map(ProcessHandle::pid).toList());
        }
        Files.deleteIfExists(pidFile);
    }

    /** SIGINT is PostgreSQL's fast shutdown (clients disconnected, a checkpoint); SIGQUIT if that takes too long. */
    private void stopOrphan(long pid) throws IOException {
        System.out.println("PostgreSQL (postmaster " + pid + ") still runs on " + dataDir
                + " without its launcher; stopping it (fast shutdown) to start it again");
        signal(pid, "INT");
        if (!Processes.awaitExit(pid, STOP_WAIT)) {
            signal(pid, "QUIT");
            if (!Processes.awaitExit(pid, ORPHAN_WAIT)) {
                throw new IllegalStateException("PostgreSQL (postmaster " + pid + ") on " + dataDir + " did not stop");
            }
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL " + pid, e);
        }
    }

    /** PostgreSQL processes make their data folder their working directory. */
    private static List<ProcessHandle> processesWorkingIn(Path dir) throws IOException {
        Path target = dir.toRealPath();
        return ProcessHandle.allProcesses()
                .filter(process -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                                .equals(target);
                    } catch (IOException | UnsupportedOperationException | SecurityException e) {
                        return false;
                    }
                })
                .toList();
    }

    private void createDatabaseIfMissing() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private OptionalLong readPostmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL[" + jdbcUrl() + ", data " + dataDir + "]";
    }
}
