package org.congressvote.system.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.ServiceJvm;

/**
 * {@code infrastructure/run-local.sh --no-build} as an operator starts it, on free ports and a data folder of its own,
 * supervising PostgreSQL, Kafka, the MongoDB-wire server and both services. The test reaches the processes it runs
 * through the pid files the script keeps ({@code DATA/run/NAME.pid}).
 *
 * <p>The script runs under a small shell that stops it (SIGTERM, what Ctrl-C's trap does too) when our end of its
 * standard input closes: on {@link #close()}, and also when this JVM dies, even by kill -9.
 */
final class RunLocal implements AutoCloseable {

    static final List<String> PROCESSES = List.of("postgres", "kafka", "mongo", "command-service", "query-service");

    final Path dataDir;
    final String adminPassword = "run-local-heals-" + Long.toHexString(System.nanoTime());
    final int pgPort = ServiceJvm.freePort();
    final int kafkaPort = ServiceJvm.freePort();
    final int kafkaControllerPort = ServiceJvm.freePort();
    final int mongoPort = ServiceJvm.freePort();
    final int commandPort = ServiceJvm.freePort();
    final int queryPort = ServiceJvm.freePort();
    final int livePort = ServiceJvm.freePort();
    private final Path output;
    /** Every process id the run ever had, to check at the end that none is left. */
    private final Set<Long> seenPids = ConcurrentHashMap.newKeySet();

    private Process script;

    RunLocal(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.output = this.dataDir.resolveSibling(this.dataDir.getFileName() + "-run-local.out");
    }

    static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("congress.repositoryRoot", "../.."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(root.resolve("infrastructure/run-local.sh"))) {
            throw new IllegalStateException("no infrastructure/run-local.sh under " + root);
        }
        return root;
    }

    /** Starts the script and returns once it says everything is up (it waits for both services' health). */
    RunLocal start(Duration timeout) throws Exception {
        Files.createDirectories(dataDir);
        Map<String, String> env = new HashMap<>(Map.of(
                "CONGRESS_DATA_DIR", dataDir.toString(),
                "CONGRESS_PG_PORT", Integer.toString(pgPort),
                "CONGRESS_KAFKA_PORT", Integer.toString(kafkaPort),
                "CONGRESS_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaControllerPort),
                "CONGRESS_MONGO_PORT", Integer.toString(mongoPort),
                "CONGRESS_COMMAND_PORT", Integer.toString(commandPort),
                "CONGRESS_QUERY_PORT", Integer.toString(queryPort),
                "CONGRESS_ADMIN_PASSWORD", adminPassword,
                "CONGRESS_LIVE_PORT", Integer.toString(livePort),
                // as small as the fault tests' own service JVMs: the machine is shared with the rest of the suite
                "CONGRESS_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"));
        env.put("CONGRESS_START_TIMEOUT", Long.toString(timeout.toSeconds()));
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "-c",
                        // ends with the script; stops it (SIGTERM) when our end of its stdin closes
                        // (a background job's stdin would be /dev/null: the pipe is kept as fd 3 for the watcher)
                        "exec 3<&0; infrastructure/run-local.sh --no-build 3<&- & script=$!;"
                                + " { cat <&3 >/dev/null; kill -TERM $script 2>/dev/null; } & wait $script")
                .directory(repositoryRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        script = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains("Congress Vote is up.")) {
            if (!script.isAlive()) {
                throw new IllegalStateException("run-local.sh exited with " + script.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run-local.sh not up within " + timeout + ":\n" + output());
            }
            Thread.sleep(500);
        }
        PROCESSES.forEach(this::pid);
        return this;
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/congress";
    }

    /** What the script printed (its own lines start with {@code [run-local]}). */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** The pid of a process the script runs now, from its pid file. */
    long pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve("run").resolve(name + ".pid"))
                    .trim());
            seenPids.add(pid);
            return pid;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid file for " + name + " in " + dataDir.resolve("run"), e);
        }
    }

    /** PostgreSQL's postmaster (the launcher's child, detached by pg_ctl). */
    long postmasterPid() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                    .get(0)
                    .trim());
            seenPids.add(pid);
            return pid;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no postmaster.pid in " + dataDir.resolve("postgres"), e);
        }
    }

    /** kill -9 of one process, after checking the pid is still the one we mean (a java or postgres process). */
    static void kill9(long pid, String mustContain) throws InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("process " + pid + " is not running"));
        // ProcessHandle.Info cuts long command lines (a class path) short of the main class: read all of it
        String commandLine;
        try {
            commandLine =
                    new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            commandLine = process.info().commandLine().orElse("");
        }
        if (!commandLine.contains(mustContain)) {
            throw new IllegalStateException("pid " + pid + " is not " + mustContain + ": " + commandLine);
        }
        process.destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** How many times PostgreSQL's launcher said it was ready (its log continues across restarts). */
    int postgresReadyLines() throws IOException {
        Path log = dataDir.resolve("logs/postgres.log");
        return Files.exists(log)
                ? (int) Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("READY postgres"))
                        .count()
                : 0;
    }

    /** Waits until a restarted PostgreSQL launcher has its database up again (it may first stop an orphan). */
    void awaitPostgresReady(int readyLinesBefore, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (postgresReadyLines() <= readyLinesBefore) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("PostgreSQL not ready again within " + timeout + ":\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** How many lines of the script's output start with {@code [run-local] NAME WHAT}. */
    int said(String name, String what) throws IOException {
        String line = "[run-local] " + name + " " + what;
        return (int) output().lines().filter(l -> l.startsWith(line)).count();
    }

    /**
     * Waits until the script has restarted {@code name}: a new pid in its file, and one more "restarted" line than
     * {@code restartsBefore}.
     */
    long awaitRestarted(String name, long oldPid, int restartsBefore, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong now = readPid(name);
            if (now.isPresent() && now.getAsLong() != oldPid && said(name, "restarted") > restartsBefore) {
                seenPids.add(now.getAsLong());
                return now.getAsLong();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " was not restarted within " + timeout + ":\n" + output());
    }

    private OptionalLong readPid(String name) {
        try {
            return OptionalLong.of(
                    Long.parseLong(Files.readString(dataDir.resolve("run").resolve(name + ".pid"))
                            .trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Waits until both services answer UP again. */
    void awaitServicesUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String base : List.of(commandUrl(), queryUrl())) {
            while (true) {
                try {
                    Answer health =
                            new CongressApi(base).timeout(Duration.ofSeconds(3)).get("/actuator/health");
                    if (health.statusCode() == 200 && health.body().startsWith("{\"status\":\"UP\"")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // restarting
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(base + " not UP within " + timeout + ":\n" + output());
                }
                Thread.sleep(500);
            }
        }
    }

    /** Process ids of the run still alive (after {@link #close()} there must be none). */
    List<Long> survivors() {
        return seenPids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /** Closes the script's stdin: the shell around it sends SIGTERM and waits for it to stop everything. */
    @Override
    public void close() throws Exception {
        if (script == null) {
            return;
        }
        script.getOutputStream().close();
        if (!script.waitFor(180, TimeUnit.SECONDS)) {
            script.destroyForcibly();
        }
        script = null;
    }
}
