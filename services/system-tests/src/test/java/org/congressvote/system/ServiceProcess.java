package org.congressvote.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One of our Spring Boot services run from its executable jar in its own JVM, as in production. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final List<String> args;
    private final int port;
    private final Path log;
    private Process process;

    ServiceProcess(String name, String jarProperty, int port, List<String> args) {
        this.name = name;
        this.jar = Path.of(System.getProperty(jarProperty, "missing-" + jarProperty));
        this.port = port;
        this.args = args;
        this.log = Path.of("target", "services", name + "-" + port + ".log");
    }

    ServiceProcess start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No executable jar at " + jar + ": build the services first (./mvnw verify)");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
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
    ServiceProcess awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
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
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ":\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no flush, as a crash or a pulled plug. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
