package org.congressvote.command.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.extensions.kafka.eventhandling.HeaderUtils;

/**
 * Compares the event log in PostgreSQL with the Kafka topic it is published to, event by event (by Axon's event
 * identifier, header {@code axon-message-id}): an event missing on either side, or different there (aggregate, sequence,
 * payload type, payload bytes by SHA-256), is named. A DBA who deletes or edits a row after publication, or a record
 * written to the topic by anyone but the publisher, shows up here even when the chain has been recomputed, because
 * the topic is a second copy the DBA does not control. An event younger than the grace period and not yet on the topic
 * is counted as pending, not as missing.
 */
public final class CrossCheck {

    /** How long a stored event may take to reach the topic before it counts as missing there. */
    public static final Duration GRACE = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private CrossCheck() {}

    /**
     * One event the two copies disagree on: MISSING_IN_KAFKA, MISSING_IN_POSTGRESQL, DIFFERENT, DIFFERENT_IN_KAFKA
     * (published twice, differently) or NOT_AN_EVENT_IN_KAFKA; {@code kafkaRecord} is "partition/offset".
     */
    public record Anomaly(
            String kind,
            String eventId,
            String aggregateId,
            Long sequence,
            Long globalIndex,
            String kafkaRecord,
            String detail) {

        public String describe() {
            return kind + ": event " + eventId + " (" + aggregateId + " #" + sequence + ")"
                    + (globalIndex == null ? "" : ", global index " + globalIndex)
                    + (kafkaRecord == null ? "" : ", Kafka record " + kafkaRecord)
                    + (detail == null ? "" : ": " + detail);
        }
    }

    /**
     * {@code consistent} when no anomaly; {@code pending}: stored events within the grace period not on the topic
     * yet; {@code duplicates}: records the topic holds twice with the same content (at-least-once publication).
     */
    public record Report(
            boolean consistent,
            String topic,
            long postgresEvents,
            long kafkaRecords,
            long pending,
            long duplicates,
            long graceSeconds,
            List<Anomaly> anomalies) {}

    private record Event(
            String eventId,
            String aggregateId,
            long sequence,
            String type,
            String payloadHash,
            Long globalIndex,
            String kafkaRecord,
            Instant time) {}

    public static Report run(Connection connection, String bootstrapServers, String topic, Duration grace)
            throws SQLException {
        Map<String, Event> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT globalindex, eventidentifier, "
                                + "aggregateidentifier, sequencenumber, payloadtype, payload, timestamp FROM domainevententry");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Event e = new Event(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        sha256(rs.getBytes(6)),
                        rs.getLong(1),
                        null,
                        Instant.parse(rs.getString(7)));
                stored.put(e.eventId(), e);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        Map<String, Event> published = new HashMap<>();
        long records = 0;
        long duplicates = 0;
        for (ConsumerRecord<byte[], byte[]> record : readTopic(bootstrapServers, topic)) {
            records++;
            String where = record.partition() + "/" + record.offset();
            String id = HeaderUtils.valueAsString(record.headers(), "axon-message-id");
            Long seq = HeaderUtils.valueAsLong(record.headers(), "axon-message-aggregate-seq");
            Event e = new Event(
                    id,
                    HeaderUtils.valueAsString(record.headers(), "axon-message-aggregate-id"),
                    seq == null ? -1 : seq,
                    HeaderUtils.valueAsString(record.headers(), "axon-message-type"),
                    record.value() == null ? null : sha256(record.value()),
                    null,
                    where,
                    null);
            if (id == null) {
                anomalies.add(new Anomaly(
                        "NOT_AN_EVENT_IN_KAFKA",
                        null,
                        e.aggregateId(),
                        e.sequence(),
                        null,
                        where,
                        "the record has no axon-message-id header: it was not written by the publisher"));
                continue;
            }
            Event earlier = published.putIfAbsent(id, e);
            if (earlier != null) {
                String difference = difference(earlier, e);
                if (difference == null) {
                    duplicates++;
                } else {
                    anomalies.add(new Anomaly(
                            "DIFFERENT_IN_KAFKA",
                            id,
                            e.aggregateId(),
                            e.sequence(),
                            null,
                            where,
                            "published twice with different " + difference + " (first at " + earlier.kafkaRecord()
                                    + ")"));
                }
            }
        }
        long pending = 0;
        Instant cutoff = Instant.now().minus(grace);
        for (Event pg : stored.values()) {
            Event kafka = published.get(pg.eventId());
            if (kafka == null) {
                if (pg.time().isBefore(cutoff)) {
                    anomalies.add(new Anomaly(
                            "MISSING_IN_KAFKA",
                            pg.eventId(),
                            pg.aggregateId(),
                            pg.sequence(),
                            pg.globalIndex(),
                            null,
                            "stored " + pg.time() + " and not on topic " + topic + " after "
                                    + grace.toSeconds() + " s"
                                    + (pg.globalIndex() <= 0
                                            ? " (global index " + pg.globalIndex() + ": the publisher never reads it)"
                                            : "")));
                } else {
                    pending++;
                }
                continue;
            }
            String difference = difference(pg, kafka);
            if (difference != null) {
                anomalies.add(new Anomaly(
                        "DIFFERENT",
                        pg.eventId(),
                        pg.aggregateId(),
                        pg.sequence(),
                        pg.globalIndex(),
                        kafka.kafkaRecord(),
                        "PostgreSQL and Kafka disagree on the " + difference));
            }
        }
        for (Event kafka : published.values()) {
            if (!stored.containsKey(kafka.eventId())) {
                anomalies.add(
                        new Anomaly(
                                "MISSING_IN_POSTGRESQL",
                                kafka.eventId(),
                                kafka.aggregateId(),
                                kafka.sequence(),
                                null,
                                kafka.kafkaRecord(),
                                "on the topic (type " + shortType(kafka.type())
                                        + ") but not in the event table: deleted from the log, or written to the topic by someone else"));
            }
        }
        anomalies.sort(Comparator.comparing((Anomaly a) -> a.globalIndex() == null ? Long.MAX_VALUE : a.globalIndex())
                .thenComparing(a -> Objects.toString(a.kafkaRecord(), "")));
        return new Report(
                anomalies.isEmpty(),
                topic,
                stored.size(),
                records,
                pending,
                duplicates,
                grace.toSeconds(),
                List.copyOf(anomalies));
    }

    private static String difference(Event a, Event b) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(a.aggregateId(), b.aggregateId())) {
            fields.add("aggregate id (" + a.aggregateId() + " / " + b.aggregateId() + ")");
        }
        if (a.sequence() != b.sequence()) {
            fields.add("sequence (" + a.sequence() + " / " + b.sequence() + ")");
        }
        if (!Objects.equals(a.type(), b.type())) {
            fields.add("payload type (" + shortType(a.type()) + " / " + shortType(b.type()) + ")");
        }
        if (!Objects.equals(a.payloadHash(), b.payloadHash())) {
            fields.add("payload (SHA-256 " + a.payloadHash() + " / " + b.payloadHash() + ")");
        }
        return fields.isEmpty() ? null : String.join(", ", fields);
    }

    private static String sha256(byte[] bytes) {
        try {
            return LogChain.hex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String shortType(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    /** Every record of the topic up to its end offsets at the start of the read, from a consumer of no group. */
    private static List<ConsumerRecord<byte[], byte[]>> readTopic(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "log-cross-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> partitions = infos == null
                    ? List.of()
                    : infos.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "Could not read topic " + topic + " to its end within " + READ_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
