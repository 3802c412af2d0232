package org.congressvote.query.recount;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.congressvote.query.store.OutOfSequence;
import org.congressvote.query.store.StreamPosition;

/**
 * Reads the whole topic from its beginning, without a consumer group, and hands every event to the given handlers on
 * the calling thread: each partition in order, as the live processors see it. Stops once it has read what the topic
 * held when it started, and then what arrived meanwhile (a few rounds at most).
 */
final class TopicReplay {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_ROUNDS = 5;
    private static final int MAX_ANOMALIES = 100;

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final KafkaMessageConverter<String, byte[]> converter;

    TopicReplay(Map<String, Object> consumerProperties, String topic, KafkaMessageConverter<String, byte[]> converter) {
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "congress-recount");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        this.consumerConfig = config;
        this.topic = topic;
        this.converter = converter;
    }

    /** What was replayed: how many events, the offset of the last record read per partition, and what failed. */
    record Result(long events, Map<TopicPartition, Long> lastOffsets, boolean quiet, List<String> anomalies) {}

    Result replay(List<EventMessageHandler> handlers) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> lastOffsets = new HashMap<>();
            List<String> anomalies = new ArrayList<>();
            long events = 0;
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            boolean quiet = false;
            for (int round = 0; round < MAX_ROUNDS && !quiet; round++) {
                while (!reached(consumer, end)) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        lastOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset());
                        Optional<EventMessage<?>> event;
                        try {
                            event = converter.readKafkaMessage(record);
                        } catch (RuntimeException e) {
                            // The live side parks such a record; the recount notes it and goes on.
                            if (anomalies.size() < MAX_ANOMALIES) {
                                anomalies.add("record " + record.partition() + "/" + record.offset() + ": " + e);
                            }
                            continue;
                        }
                        if (event.isPresent()) {
                            events++;
                            dispatch(
                                    event.get()
                                            .andMetaData(new StreamPosition(record.partition(), record.offset())
                                                    .asMetaData()),
                                    handlers,
                                    anomalies);
                        }
                    }
                }
                Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
                quiet = now.equals(end) && reached(consumer, now);
                end = now;
            }
            return new Result(events, lastOffsets, quiet, anomalies);
        }
    }

    /** The offset the next record of each partition will get. */
    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void dispatch(EventMessage<?> event, List<EventMessageHandler> handlers, List<String> anomalies) {
        for (EventMessageHandler handler : handlers) {
            try {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            } catch (OutOfSequence e) {
                if (anomalies.size() < MAX_ANOMALIES) {
                    anomalies.add(e.getMessage());
                }
            } catch (Exception e) {
                if (anomalies.size() < MAX_ANOMALIES) {
                    anomalies.add(event.getPayloadType().getSimpleName() + " " + event.getIdentifier() + ": " + e);
                }
            }
        }
    }
}
