package org.congressvote.query.config;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.store.ViewStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the projections' event processors treat a failure. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    static final String PARKED = "parkedevents";

    /*
     * Axon's default logs a failing event handler and goes on to the next event: with MongoDB away for a moment, or a
     * view that sees an event before an earlier one it lost, that would skip the event for good. Propagating the
     * failure fails the batch instead; the processor then releases its claim, waits (1 s, doubling up to 60 s),
     * fetches its token from the store again and replays from there, and the views ignore what they had applied.
     *
     * The views' group parks what is the event's own fault instead (ParkingPolicy): that aggregate's later events wait
     * behind it in the dead-letter queue, every other aggregate's go on.
     */
    @Bean
    ConfigurerModule failedEventsAreRetriedOrParkedNotSkipped(ParkedEvents parked, TokenStore tokens) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueue(ViewStore.PROCESSING_GROUP, c -> parked)
                .registerDeadLetterPolicy(
                        ViewStore.PROCESSING_GROUP,
                        c -> new ParkingPolicy(ViewStore.PROCESSING_GROUP, tokens::extendClaim)));
    }

    /*
     * The letters live in the views' database, written without a transaction (there is none to share); ParkedEvents
     * stores a batch's letters after its views. The payload is kept as the topic had it (same serializer as the Kafka
     * converter), so that an event that cannot be read is parked as it came.
     */
    @Bean
    ParkedEvents parkedEvents(
            MongoDatabase congressDatabase,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            QueryServiceProperties properties) {
        return parkedEventsIn(
                congressDatabase,
                eventSerializer,
                properties.parked().maxSequences(),
                properties.parked().maxSequenceSize());
    }

    static ParkedEvents parkedEventsIn(
            MongoDatabase congressDatabase, Serializer eventSerializer, int maxSequences, int maxSequenceSize) {
        return new ParkedEvents(MongoSequencedDeadLetterQueue.builder()
                .processingGroup(ViewStore.PROCESSING_GROUP)
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(congressDatabase)
                        .deadLetterCollectionName(PARKED)
                        .build())
                .serializer(eventSerializer)
                .maxSequences(maxSequences)
                .maxSequenceSize(maxSequenceSize)
                .transactionManager(NoTransactionManager.instance())
                .build());
    }
}
