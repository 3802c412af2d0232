package org.congressvote.query.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.congressvote.query.live.LiveDashboard;
import org.congressvote.query.store.ViewStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * How many records of the topic the views have still to process (end offsets from the broker, at most one request
 * per {@link #REFRESH}), and how many live streams are open.
 */
@Component
class ViewLag implements DisposableBean {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final KafkaProperties kafka;
    private Admin admin;
    private long checkedAt;
    private double lag = Double.NaN;

    ViewLag(
            EventProcessingConfiguration processing,
            KafkaProperties kafka,
            LiveDashboard live,
            MeterRegistry registry) {
        this.processing = processing;
        this.kafka = kafka;
        Gauge.builder("congress.view.lag", this::lag)
                .description("Records of the topic the views have not processed yet (NaN: unknown)")
                .tag("processor", ViewStore.PROCESSING_GROUP)
                .register(registry);
        Gauge.builder("congress.live.viewers", live::viewers)
                .description("Open live streams (projector dashboards and pages)")
                .register(registry);
    }

    private synchronized double lag() {
        if (System.nanoTime() - checkedAt < REFRESH.toNanos() && checkedAt != 0) {
            return lag;
        }
        checkedAt = System.nanoTime();
        try {
            lag = measure();
        } catch (Exception e) {
            lag = Double.NaN;
        }
        return lag;
    }

    private double measure() throws Exception {
        List<EventTrackerStatus> segments = processing
                .eventProcessor(ViewStore.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(p -> List.copyOf(p.processingStatus().values()))
                .orElse(List.of());
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    String.join(",", kafka.getBootstrapServers()),
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    "query-service-metrics"));
        }
        String topic = kafka.getDefaultTopic();
        List<TopicPartition> partitions = admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(5, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, Long> ends = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get(5, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        double behind = 0;
        for (EventTrackerStatus segment : segments) {
            TrackingToken token = segment.getTrackingToken();
            Map<TopicPartition, Long> positions =
                    token instanceof KafkaTrackingToken kafkaToken ? kafkaToken.getPositions() : Map.of();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                Long processed = positions.get(end.getKey()); // the offset of the last record processed
                behind += Math.max(0, end.getValue() - (processed == null ? 0 : processed + 1));
            }
        }
        return behind;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
