package org.congressvote.query.config;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the read model's MongoDB ({@code mongo} in /actuator/health). Boot's own Mongo indicator needs Spring
 * Data, which this service does not use.
 */
@Component
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;

    MongoHealthIndicator(MongoDatabase congressDatabase) {
        super("MongoDB is not reachable");
        this.database = congressDatabase;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = database.runCommand(new Document("ping", 1));
        builder.status(answer.get("ok", Number.class).doubleValue() == 1.0 ? "UP" : "DOWN")
                .withDetail("database", database.getName());
    }
}
