package org.congressvote.system.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.congressvote.testsupport.ServiceJvm;

/**
 * The MongoDB-wire server (H2 backend) in a JVM of its own, so that it can be killed with -9 and lose what its store
 * had not committed yet (about the last second), as a crash would. {@code RealServers.mongo()} runs in the test JVM
 * and can only be closed cleanly.
 */
final class MongoWireProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final ServiceJvm jvm;

    MongoWireProcess(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = ServiceJvm.freePort();
        // stdin stays a pipe held by this JVM: if the test JVM dies, the server reads end of file and exits
        this.jvm = ServiceJvm.main(
                        "mongo", System.getProperty("java.class.path"), "org.congressvote.infra.MongoWireMain")
                .jvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC"))
                .args(List.of(
                        "--port", Integer.toString(port), "--data-dir", this.dataDir.toString(), "--exit-on-stdin-eof"))
                .log(this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log"));
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    synchronized MongoWireProcess start() throws Exception {
        Files.createDirectories(dataDir);
        jvm.start().awaitLine("READY mongo", Duration.ofSeconds(60));
        return this;
    }

    /** SIGKILL: the H2 store loses what it had not committed (about its last second of writes). */
    synchronized void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public synchronized void close() throws Exception {
        jvm.close();
    }

    long storeBytes() throws IOException {
        Path store = dataDir.resolve("congress-mongo.mv");
        return Files.exists(store) ? Files.size(store) : 0;
    }
}
