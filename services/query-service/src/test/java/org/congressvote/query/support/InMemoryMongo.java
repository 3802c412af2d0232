package org.congressvote.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A MongoDB-wire server in memory for projection tests; each call of {@link #freshDatabase()} gives an empty database. */
public class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

    private MongoServer server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.shutdownNow();
    }

    public MongoDatabase freshDatabase() {
        return client.getDatabase("test-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
