package org.congressvote.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) keeping its data in an H2 MVStore file under the data folder.
 *
 * <p>No transactions, no change streams, and every query scans its collection; the store commits about once a second,
 * so a kill -9 loses roughly the last second of writes (a clean {@link #close()} loses nothing).
 */
public final class MongoWireServer implements AutoCloseable {

    public static final String STORE_FILE = "congress-mongo.mv";

    private final Path dataDir;
    private int port;
    private MongoServer server;

    private MongoWireServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts in this JVM on 127.0.0.1; port 0 picks a free port, kept across {@link #restart()}. */
    public static MongoWireServer start(Path dataDir, int port) {
        MongoWireServer mongo = new MongoWireServer(dataDir.toAbsolutePath(), port);
        mongo.open();
        return mongo;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized void restart() {
        close();
        open();
    }

    /** Closes client connections and commits the store. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    private synchronized void open() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        H2Backend backend = new H2Backend(dataDir.resolve(STORE_FILE).toString());
        MongoServer mongoServer = new MongoServer(backend);
        try {
            mongoServer.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("MongoDB-wire server could not listen on 127.0.0.1:" + port, e);
        }
        port = mongoServer.getLocalAddress().getPort();
        server = mongoServer;
    }

    @Override
    public String toString() {
        return "MongoWire[" + connectionString() + ", data " + dataDir + "]";
    }
}
