package org.congressvote.query.support;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Publishes events to Kafka the way the command side's Axon Kafka publisher does: domain event messages from the event
 * store, converted by {@link DefaultKafkaMessageConverter} with a Jackson serializer (Spring's object mapper), record
 * key = aggregate id, acks=all and idempotent. Keeps each aggregate's next sequence number itself.
 */
public final class CommandSideEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final DefaultKafkaMessageConverter converter;
    private final String topic;
    private final Map<String, AtomicLong> nextSequence = new ConcurrentHashMap<>();

    public CommandSideEvents(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.converter = converter();
        this.topic = topic;
    }

    /** The converter as the command side builds it (its Boot auto-configuration with Jackson). */
    public static DefaultKafkaMessageConverter converter() {
        return DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder()
                        .objectMapper(Jackson2ObjectMapperBuilder.json().build())
                        .build())
                .build();
    }

    /** Publishes the aggregate's next event; returns without waiting for the broker. */
    public Future<RecordMetadata> publish(String aggregateType, String aggregateId, Object payload) {
        long seq = nextSequence
                .computeIfAbsent(aggregateId, id -> new AtomicLong())
                .getAndIncrement();
        return publishAt(aggregateType, aggregateId, seq, payload);
    }

    /** Publishes an event with a given sequence number again, as a publisher does after a crash. */
    public Future<RecordMetadata> publishAt(String aggregateType, String aggregateId, long seq, Object payload) {
        GenericDomainEventMessage<Object> message =
                new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, payload);
        return producer.send(converter.createKafkaMessage(message, topic));
    }

    /** Publishes an event whose payload is not what its headers say (bytes no serializer can read). */
    public Future<RecordMetadata> publishUnreadable(
            String aggregateType, String aggregateId, long seq, Object payload) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, payload), topic);
        return producer.send(new ProducerRecord<>(
                topic,
                null,
                record.key(),
                "{\"congressId\": [unreadable".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                record.headers()));
    }

    public void flush() {
        producer.flush();
    }

    public void awaitSent(Future<RecordMetadata> sent) throws Exception {
        sent.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
