package org.congressvote.system.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB-wire server (H2 backend) in a JVM of its own, so that it can be killed with -9 and lose what its store
 * had not committed yet (about the last second), as a crash would. {@code RealServers.mongo()} runs in the test JVM
 * and can only be closed cleanly.
 */
final class MongoWireProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    MongoWireProcess(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = ServiceJvm.freePort();
        this.log = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log");
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    synchronized MongoWireProcess start() throws Exception {
        Files.createDirectories(dataDir);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "org.congressvote.infra.MongoWireMain",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                "--exit-on-stdin-eof");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        // stdin stays a pipe held by this JVM: if the test JVM dies, the server reads end of file and exits
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MongoDB-wire server exited: " + Files.readString(log));
            }
            String output = Files.readString(log);
            if (output.substring((int) Math.min(logStart, output.length())).contains("READY mongo")) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("MongoDB-wire server not ready in 60 s: " + Files.readString(log));
    }

    /** SIGKILL: the H2 store loses what it had not committed (about its last second of writes). */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    long storeBytes() throws IOException {
        Path store = dataDir.resolve("congress-mongo.mv");
        return Files.exists(store) ? Files.size(store) : 0;
    }
}
