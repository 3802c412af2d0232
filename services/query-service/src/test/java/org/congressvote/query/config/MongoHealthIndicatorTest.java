package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class MongoHealthIndicatorTest {

    @Test
    void upWhileMongoAnswersAndDownOnceItIsGone() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoHealthIndicator health = new MongoHealthIndicator(client.getDatabase("congress"));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            server.shutdownNow();

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
