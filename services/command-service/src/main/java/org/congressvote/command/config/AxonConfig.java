package org.congressvote.command.config;

import java.sql.SQLException;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.congressvote.command.CommandServiceProperties;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's command side tuned for our store and our load: see docs/architecture.md for the reasons. */
@Configuration
class AxonConfig {

    /** PostgreSQL reports a unique violation as SQLState 23505; Axon's default resolver does not know it. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The tracking processors' tokens (the Kafka publisher, the audit chain), in PostgreSQL. Each running instance
     * claims tokens under its own node id: Axon's default (pid@host) is shared by two application contexts in one
     * JVM, and two owners that look alike would both publish every event and both extend the chain.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider, Serializer serializer, TokenStoreProperties tokenStore) {
        String node = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "#"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(new TokenSchema())
                .claimTimeout(tokenStore.getClaimTimeout())
                .nodeId(node)
                .build();
    }

    /**
     * A failing event handler fails what it was handling, never skipped. Axon's default logs the failure and goes on:
     * in the voting gate (subscribing, in the command's transaction) that answered a command 201 while PostgreSQL
     * rolled the aborted transaction back at commit, and left the aggregate cache holding the lost events. Propagated,
     * the failure rolls the unit of work back (which evicts the aggregate from the cache) and the caller gets a
     * problem. In the tracking groups (the audit chain, the Kafka publisher) the processor retries the batch from its
     * token instead of leaving an event out of the chain or off the topic.
     */
    @Bean
    ConfigurerModule handlerFailuresAreNeverSkipped() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /** Who did it: the acting user and role travel from each command into the metadata of the events it caused. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider("actor", "role");
    }

    /**
     * A bounded strong cache for long-lived aggregates (congresses, motions). Axon's default weak cache is emptied at
     * every GC, which makes every command replay its aggregate from the start.
     */
    @Bean(destroyMethod = "close")
    CacheManager ehCacheManager(CommandServiceProperties properties) {
        long entries = properties.aggregateCache().entries();
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(
                        "aggregates",
                        CacheConfigurationBuilder.newCacheConfigurationBuilder(
                                Object.class, Object.class, ResourcePoolsBuilder.heap(entries)))
                .build(true);
    }

    @Bean
    Cache aggregateCache(CacheManager ehCacheManager) {
        return new EhCache3Adapter((org.ehcache.core.Ehcache<Object, Object>)
                ehCacheManager.getCache("aggregates", Object.class, Object.class));
    }

    /**
     * Axon's JDBC engine, declared here because declaring the event store switches off Axon's own declaration.
     * The schema is Flyway's (db/migration), not the engine's.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build();
    }

    /**
     * The event store, polling the table every {@code congress.event-store.fetch-delay} for events that another command-service
     * instance stored (events stored in this JVM wake the readers at once).
     */
    @Bean
    EventStore eventStore(EventStorageEngine storageEngine, CommandServiceProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.eventStore().fetchDelay().toMillis())
                .build();
    }

    /**
     * Publishes each batch of the publishing processor and waits for Kafka's acknowledgements once per batch (see
     * {@link BatchAcknowledgedKafkaPublisher}); replaces the extension's publisher, which waits after every record.
     */
    @Bean(destroyMethod = "shutDown")
    <K, V> KafkaPublisher<K, V> kafkaPublisher(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ProducerFactory<K, V> axonKafkaProducerFactory,
            KafkaMessageConverter<K, V> kafkaMessageConverter,
            org.axonframework.config.Configuration configuration,
            KafkaProperties kafka,
            CommandServiceProperties properties) {
        String topic = kafka.getDefaultTopic();
        KafkaPublisher.Builder<K, V> builder = KafkaPublisher.<K, V>builder()
                .serializer(eventSerializer)
                .producerFactory(axonKafkaProducerFactory)
                .messageConverter(kafkaMessageConverter)
                .messageMonitor(configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"))
                .topic(topic);
        return new BatchAcknowledgedKafkaPublisher<>(
                builder,
                axonKafkaProducerFactory,
                kafkaMessageConverter,
                topic,
                properties.kafkaPublisher().ackTimeout());
    }

    /**
     * The Kafka publisher is a tracking processor reading the event store; its default batch of 1 event per
     * transaction caps it near 50 events/s. Its properties cannot be set by name, hence this module.
     */
    @Bean
    ConfigurerModule kafkaPublisherTuning(CommandServiceProperties properties) {
        int batchSize = properties.kafkaPublisher().batchSize();
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize));
    }
}
