package org.congressvote.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.store.MongoViewStore;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MongoDB for the read side: the projections' database and the event processors' tokens in the same database. */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    static final String TOKENS = "trackingtokens";

    @Bean
    MongoDatabase congressDatabase(MongoClient mongoClient, MongoProperties properties) {
        return mongoClient.getDatabase(properties.getMongoClientDatabase());
    }

    /**
     * Without these a request (or the health check) waits 30 s for an unreachable server before failing. No retries by
     * the driver: a projection batch that meets a server restart must fail and be replayed (see ViewBatches).
     */
    @Bean
    MongoClientSettingsBuilderCustomizer mongoTimeouts(QueryServiceProperties properties) {
        Duration serverSelection = properties.mongo().serverSelectionTimeout();
        Duration connect = properties.mongo().connectTimeout();
        return settings -> settings.retryReads(false)
                .retryWrites(false)
                .applyToClusterSettings(
                        c -> c.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Bean
    MongoViewStore viewStore(MongoDatabase congressDatabase, QueryServiceProperties properties) {
        return new MongoViewStore(congressDatabase, properties.tally().duplicateWindow());
    }

    /*
     * Tokens and projections share the database but not a transaction (the MongoDB-wire server has none): a crash
     * between a projection write and the token write replays the batch, which the projections ignore as repeats.
     * A batch's view writes go out before its token (ViewBatches). The node id carries a random part so that two
     * application contexts in one JVM (tests) never share claims.
     */
    @Bean
    TokenStore tokenStore(MongoDatabase congressDatabase, Serializer serializer, QueryServiceProperties properties) {
        Duration claimTimeout = properties.tokens().claimTimeout();
        String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(congressDatabase)
                        .trackingTokensCollectionName(TOKENS)
                        .build())
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodeId)
                .build();
        return new GuardedTokenStore(
                tokens,
                congressDatabase.getCollection(TOKENS),
                serializer,
                nodeId,
                // Nothing to forget: the view store keeps nothing between batches, it reads what each batch changes.
                () -> {});
    }
}
