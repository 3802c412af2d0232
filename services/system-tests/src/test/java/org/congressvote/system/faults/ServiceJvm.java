package org.congressvote.system.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of our services run from its executable jar in its own JVM, on a fixed port, so that it can be killed with -9
 * and started again where its clients expect it.
 */
final class ServiceJvm implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final List<String> args;
    private final int port;
    private final Path log;
    private Process process;

    ServiceJvm(String name, String jarProperty, List<String> args) {
        this.name = name;
        this.jar = Path.of(System.getProperty(jarProperty, "missing-" + jarProperty));
        this.port = freePort();
        this.args = List.copyOf(args);
        this.log = Path.of("target", "services", "faults-" + name + "-" + port + ".log")
                .toAbsolutePath();
    }

    synchronized ServiceJvm start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No executable jar at " + jar + ": build the services first (./mvnw verify)");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "===== start " + java.time.Instant.now() + " =====\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                jar.toString(),
                "--server.port=" + port));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return this;
    }

    /** Waits until /actuator/health says UP; fails with the log's tail if the process dies or time runs out. */
    ServiceJvm awaitHealthy(Duration timeout) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " is not running:\n" + logTail(40));
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ":\n" + logTail(40));
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, as a crash or a pulled plug. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    Path log() {
        return log;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Lines of the log that match, for reports of what a service said during a fault. */
    List<String> logLines(String contains, int max) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains(contains))
                    .limit(max)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
