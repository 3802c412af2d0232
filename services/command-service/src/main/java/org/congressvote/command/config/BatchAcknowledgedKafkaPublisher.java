package org.congressvote.command.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes the events of a batch of the publishing processor to Kafka and waits for Kafka's acknowledgement of all of
 * them once, before the batch commits (and with it the processor's position in the event store).
 * <p>
 * The extension's publisher in {@code wait_for_ack} mode waits for each record's acknowledgement before it sends the
 * next one: with {@code acks=all} and {@code linger.ms=2} that is about 3 ms a record, so publishing stopped at about
 * 330 events/s (measured: the live views fell 10 s behind at 500 votes/s while Kafka and the read side idled). Here
 * the records of a batch are sent one after the other without waiting, and the batch waits for all acknowledgements
 * when it prepares to commit: the same promise (the position only moves once Kafka has acknowledged every event
 * before it; a failure rolls the batch back and it is sent again, so at most one batch is published twice), at the
 * producer's rate.
 */
final class BatchAcknowledgedKafkaPublisher<K, V> extends KafkaPublisher<K, V> {

    private static final String PENDING = BatchAcknowledgedKafkaPublisher.class.getName() + "/acknowledgements";

    private final ProducerFactory<K, V> producers;
    private final KafkaMessageConverter<K, V> converter;
    private final String topic;
    private final Duration ackTimeout;

    BatchAcknowledgedKafkaPublisher(
            Builder<K, V> builder,
            ProducerFactory<K, V> producers,
            KafkaMessageConverter<K, V> converter,
            String topic,
            Duration ackTimeout) {
        super(builder);
        this.producers = producers;
        this.converter = converter;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<Future<RecordMetadata>> acknowledgements = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
        Producer<K, V> producer = producers.createProducer();
        try {
            acknowledgements.add(producer.send(converter.createKafkaMessage(event, topic)));
        } finally {
            // the factory's producer is shared outside transactional mode: closing it hands it back
            producer.close();
        }
    }

    private void awaitAll(List<Future<RecordMetadata>> acknowledgements) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublicationFailedException("Interrupted while waiting for Kafka to acknowledge", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new EventPublicationFailedException(
                        "Kafka did not acknowledge the batch's events within " + ackTimeout.toMillis()
                                + " ms; the batch is sent again",
                        e);
            }
        }
    }
}
