package org.congressvote.command.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.springframework.stereotype.Component;

/**
 * How many events of the store the Kafka publisher and the audit chain have still to process, read when Prometheus
 * scrapes (one max(global_index) query). Not a number on an instance that does not hold the processor's token: only
 * one instance publishes and chains.
 */
@Component
class ProcessorLag {

    private static final Map<String, String> PROCESSORS =
            Map.of("kafka-publisher", KafkaEventPublisher.DEFAULT_PROCESSING_GROUP, "audit-chain", "audit-chain");

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProcessorLag(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        PROCESSORS.forEach((tag, name) -> Gauge.builder("congress.processor.lag", () -> lag(name))
                .description("Events in the store the processor has not processed yet (NaN: not running here)")
                .tag("processor", tag)
                .register(registry));
    }

    private double lag(String processorName) {
        Collection<EventTrackerStatus> segments = processing
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().values())
                .orElse(java.util.List.of());
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        long slowest = segments.stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
        return Math.max(0, headPosition - slowest);
    }
}
