package org.congressvote.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of ours run as production runs it: a service from its executable jar ({@link #jar}) or a server main on a
 * class path ({@link #main}), its output appended to a log file, its standard input a pipe this JVM holds. A service
 * listens on a port fixed when it is created, so that it can be killed and started again where its clients expect
 * it. Configure it, then {@link #start()}; {@link #close()} stops it with SIGTERM and kills it after the grace.
 */
public final class ServiceJvm implements AutoCloseable {

    private final String name;
    private final List<String> target;
    private final boolean service;
    private int port;
    private List<String> jvmOptions = List.of();
    private List<String> args = List.of();
    private final Map<String, String> env = new HashMap<>();
    private Path workingDirectory;
    private Path log;
    private Duration stopGrace = Duration.ofSeconds(20);
    private Process process;
    /** Where the current start's output begins in the log (a restart appends). */
    private volatile long logStart;

    private ServiceJvm(String name, List<String> target, boolean service) {
        this.name = name;
        this.target = target;
        this.service = service;
        this.port = service ? freePort() : 0;
        this.log = Path.of("target", "services", name + (service ? "-" + port : "") + ".log")
                .toAbsolutePath();
    }

    /** A Spring Boot service from its executable jar, given {@code --server.port} on a free port unless set. */
    public static ServiceJvm jar(String name, Path jar) {
        return new ServiceJvm(name, List.of("-jar", jar.toString()), true);
    }

    /** The executable jar a system property names (set by the build), checked only when started. */
    public static Path jarOf(String property) {
        return Path.of(System.getProperty(property, "missing-" + property));
    }

    /** A server main on a class path (no port of its own: its arguments say where it listens). */
    public static ServiceJvm main(String name, String classpath, String mainClass) {
        return new ServiceJvm(name, List.of("-cp", classpath, mainClass), false);
    }

    /** The port the service listens on (a free one by default). */
    public ServiceJvm port(int port) {
        this.port = port;
        return this;
    }

    /** Options before the jar or main class: heap, collector, Flight Recorder. */
    public ServiceJvm jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    public ServiceJvm args(List<String> args) {
        this.args = List.copyOf(args);
        return this;
    }

    public ServiceJvm env(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    /** The folder the JVM runs in (its data folder when it writes relative paths); created on start. */
    public ServiceJvm dataDir(Path dir) {
        this.workingDirectory = dir.toAbsolutePath();
        return this;
    }

    public ServiceJvm log(Path file) {
        this.log = file.toAbsolutePath();
        return this;
    }

    /** How long {@link #close()} waits after SIGTERM before it kills. */
    public ServiceJvm stopGrace(Duration grace) {
        this.stopGrace = grace;
        return this;
    }

    /** Starts the JVM (again, after {@link #kill()}, on the same port and log: a line marks each start). */
    public synchronized ServiceJvm start() throws IOException {
        if (service && !Files.isRegularFile(Path.of(target.get(1)))) {
            throw new IllegalStateException(
                    "No executable jar at " + target.get(1) + ": build the services first (./mvnw verify)");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(
                log, "===== start " + Instant.now() + " =====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        logStart = Files.size(log);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(target);
        if (service) {
            command.add("--server.port=" + port);
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workingDirectory != null) {
            Files.createDirectories(workingDirectory);
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** Waits until /actuator/health says UP; fails with the log's tail if the process dies or time runs out. */
    public ServiceJvm awaitHealthy(Duration timeout) throws Exception {
        CongressApi health = new CongressApi(baseUrl()).timeout(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " is not running:\n" + logTail(40));
            }
            try {
                Answer answer = health.get("/actuator/health");
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ":\n" + logTail(40));
    }

    /** Waits until this start's output has a line containing {@code text} (a server main's READY line). */
    public ServiceJvm awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.substring((int) Math.min(logStart, output.length())).contains(text)) {
                return this;
            }
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + logTail(40));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + ": no '" + text + "' within " + timeout + ":\n" + logTail(40));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** kill -9: no shutdown hook, no flush, as a crash or a pulled plug. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    public Path log() {
        return log;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Lines of the log that contain {@code text}, for reports of what a service said. */
    public List<String> logLines(String text, int max) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains(text))
                    .limit(max)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGTERM (the shutdown hooks run), then kill -9 once the grace has passed. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
