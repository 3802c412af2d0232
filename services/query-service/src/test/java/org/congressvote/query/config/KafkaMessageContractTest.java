package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.query.support.CommandSideEvents;
import org.junit.jupiter.api.Test;

/**
 * What the projections rely on from the Kafka records the command side publishes: the converter carries the
 * aggregate id and sequence number across, so {@code @SequenceNumber} handlers see a domain event message.
 */
class KafkaMessageContractTest {

    private final DefaultKafkaMessageConverter converter = CommandSideEvents.converter();

    @Test
    void aggregateIdentifierAndSequenceNumberSurviveTheTrip() {
        DelegateRegisteredEvent payload = new DelegateRegisteredEvent(
                "c1", "d1", "Ada Lovelace", "North", DelegateKind.OFFICIAL, LocalDate.of(1815, 12, 10), "Chair");
        EventMessage<?> received = roundTrip(new GenericDomainEventMessage<>("Congress", "c1", 42, payload));

        assertThat(received).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> event = (DomainEventMessage<?>) received;
        assertThat(event.getAggregateIdentifier()).isEqualTo("c1");
        assertThat(event.getSequenceNumber()).isEqualTo(42);
        assertThat(event.getType()).isEqualTo("Congress");
        assertThat(event.getPayload()).isEqualTo(payload);
    }

    @Test
    void recordKeyIsTheAggregateIdSoOneAggregateStaysInOnePartitionInOrder() {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                new GenericDomainEventMessage<>("Motion", "m1", 3, "payload"), "congress-events");

        assertThat(record.key()).isEqualTo("m1");
    }

    @Test
    void anEventPublishedWithoutAggregateHeadersArrivesAsAPlainEventMessage() {
        // Such a message would match no @SequenceNumber handler: the command side must publish from its event store.
        EventMessage<?> received = roundTrip(GenericEventMessage.asEventMessage("not from an aggregate"));

        assertThat(received).isNotInstanceOf(DomainEventMessage.class);
    }

    private EventMessage<?> roundTrip(EventMessage<?> sent) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(sent, "congress-events");
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(
                record.topic(),
                0,
                7L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                record.key(),
                record.value(),
                record.headers(),
                java.util.Optional.empty());
        return converter.readKafkaMessage(consumed).orElseThrow();
    }
}
