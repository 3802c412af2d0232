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
import java.util.TreeMap;
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
            List<Anomaly> anomalies,
            String mode,
            Long fromChainPosition,
            Long toChainPosition,
            String note) {}

    private record Event(
            String eventId,
            String aggregateId,
            long sequence,
            String type,
            String payloadHash,
            Long globalIndex,
            String kafkaRecord,
            Instant time,
            Long chainPosition) {}

    /** The full comparison's report, and what a checkpoint at chain position {@code upTo} leaves open. */
    private record Outcome(Report report, List<Event> openPostgres, List<Event> openKafka, List<Anomaly> findings) {}

    /** The whole table against the whole topic; reads only (the command-line tool's check). */
    public static Report run(Connection connection, String bootstrapServers, String topic, Duration grace)
            throws SQLException {
        return full(connection, readTopic(bootstrapServers, topic, Map.of()), topic, grace, Long.MAX_VALUE, null)
                .report();
    }

    /**
     * Compares only what is new since the last check: the events chained after the checkpoint's position and the
     * topic's records after its offsets, with what stayed open (events seen on one side only so far; findings, named
     * again every time until a full re-check), and moves the checkpoint. The chain's hash at the checkpoint must be the
     * one it recorded, else (the chain was rewritten behind it), as on {@code full} or without a checkpoint, everything
     * is compared again and the checkpoint rebuilt. An edit behind the checkpoint that leaves the chain as it was is
     * the chain's to catch (verification), and a full re-check's.
     */
    public static Report checkpointed(
            Connection connection, String bootstrapServers, String topic, Duration grace, boolean full)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement lock =
                    connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('congress-cross-check'))")) {
                lock.execute(); // one check at a time moves the checkpoint
            }
            Report report = checkpointedLocked(connection, bootstrapServers, topic, grace, full);
            connection.commit();
            return report;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private record Checkpoint(long position, byte[] hash, Map<Integer, Long> offsets) {}

    private static Report checkpointedLocked(
            Connection connection, String bootstrapServers, String topic, Duration grace, boolean full)
            throws SQLException {
        Checkpoint checkpoint = null;
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT chain_position, chain_hash, kafka_offsets FROM cross_check_checkpoint WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                checkpoint = new Checkpoint(rs.getLong(1), rs.getBytes(2), offsets(rs.getString(3)));
            }
        }
        long head = 0;
        byte[] headHash = null;
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT position, hash FROM event_chain ORDER BY position DESC LIMIT 1");
                ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                head = rs.getLong(1);
                headHash = rs.getBytes(2);
            }
        }
        String note = full ? "a full re-check was asked for" : null;
        if (!full && checkpoint == null) {
            full = true;
            note = "no checkpoint yet: everything compared";
        } else if (!full && checkpoint.position() > 0) {
            byte[] then = chainHash(connection, checkpoint.position());
            if (then == null || !java.util.Arrays.equals(then, checkpoint.hash())) {
                full = true;
                note = "the chain at position " + checkpoint.position() + " is not the one the last check compared "
                        + "(rewritten or deleted behind the checkpoint): everything compared again";
            }
        }
        Outcome outcome;
        Map<Integer, Long> next;
        if (full) {
            TopicRead read = readTopic(bootstrapServers, topic, Map.of());
            outcome = full(connection, read, topic, grace, head, note);
            next = read.next();
        } else {
            TopicRead read = readTopic(bootstrapServers, topic, checkpoint.offsets());
            outcome = increment(connection, read, topic, grace, checkpoint.position(), head);
            next = read.next();
        }
        save(connection, head, headHash, next, outcome);
        return outcome.report();
    }

    private static Outcome increment(
            Connection connection, TopicRead read, String topic, Duration grace, long from, long upTo)
            throws SQLException {
        List<Event> openPostgres = new ArrayList<>();
        List<Event> openKafka = new ArrayList<>();
        List<Anomaly> findings = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT side, kind, event_id, aggregate_id, sequence, type, payload_hash, global_index, "
                                + "kafka_record, stored_at, chain_position, detail FROM cross_check_open");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String side = rs.getString(1);
                if (side.equals("FINDING")) {
                    findings.add(new Anomaly(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            (Long) rs.getObject(5),
                            (Long) rs.getObject(8),
                            rs.getString(9),
                            rs.getString(12)));
                } else {
                    Event e = new Event(
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getString(6),
                            rs.getString(7),
                            (Long) rs.getObject(8),
                            rs.getString(9),
                            rs.getString(10) == null ? null : Instant.parse(rs.getString(10)),
                            (Long) rs.getObject(11));
                    (side.equals("POSTGRESQL") ? openPostgres : openKafka).add(e);
                }
            }
        }
        // the stored side: what stayed open, the events chained since, and rows the chain never takes (index <= 0)
        Map<String, Event> postgres = new HashMap<>();
        openPostgres.forEach(e -> postgres.put(e.eventId(), e));
        long newEvents = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS + ", c.position "
                + "FROM event_chain c JOIN domainevententry e ON e.globalindex = c.global_index "
                + "WHERE c.position > ? AND c.position <= ?")) {
            select.setLong(1, from);
            select.setLong(2, upTo);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Event e = event(rs);
                    postgres.put(e.eventId(), e);
                    newEvents++;
                }
            }
        }
        List<Event> unsequenced = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT " + EVENT_COLUMNS + ", NULL " + "FROM domainevententry e WHERE e.globalindex <= 0");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                unsequenced.add(event(rs));
            }
        }
        List<Anomaly> anomalies = new ArrayList<>(findings);
        List<Event> kafka = new ArrayList<>(openKafka);
        long records = 0;
        for (ConsumerRecord<byte[], byte[]> record : read.records()) {
            records++;
            Event e = event(record);
            if (e.eventId() == null) {
                Anomaly finding = notAnEvent(e);
                findings.add(finding);
                anomalies.add(finding);
            } else {
                kafka.add(e);
            }
        }
        // records whose event is not among the open or new ones: published again, late, or not an event of the log
        List<String> elsewhere = kafka.stream()
                .map(Event::eventId)
                .filter(id -> !postgres.containsKey(id))
                .distinct()
                .toList();
        Map<String, Event> stored = new HashMap<>();
        if (!elsewhere.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS + ", c.position "
                    + "FROM domainevententry e LEFT JOIN event_chain c ON c.global_index = e.globalindex "
                    + "WHERE e.eventidentifier = ANY (?)")) {
                select.setArray(1, connection.createArrayOf("varchar", elsewhere.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Event e = event(rs);
                        stored.put(e.eventId(), e);
                    }
                }
            }
        }
        List<Event> stillOpenKafka = new ArrayList<>();
        java.util.Set<String> matched = new java.util.HashSet<>();
        long duplicates = 0;
        for (Event k : kafka) {
            Event pg = postgres.get(k.eventId());
            if (pg != null) {
                String difference = difference(pg, k);
                if (difference != null) {
                    Anomaly finding = matched.contains(k.eventId())
                            ? new Anomaly(
                                    "DIFFERENT_IN_KAFKA",
                                    k.eventId(),
                                    k.aggregateId(),
                                    k.sequence(),
                                    null,
                                    k.kafkaRecord(),
                                    "published twice with different " + difference)
                            : different(pg, k, difference);
                    findings.add(finding);
                    anomalies.add(finding);
                } else if (!matched.add(k.eventId())) {
                    duplicates++;
                }
                matched.add(k.eventId());
                continue;
            }
            Event earlier = stored.get(k.eventId());
            if (earlier == null) {
                Anomaly finding = missingInPostgres(k);
                findings.add(finding);
                anomalies.add(finding);
            } else if (earlier.chainPosition() != null && earlier.chainPosition() <= upTo) {
                // compared before: this is a second publication of it
                String difference = difference(earlier, k);
                if (difference == null) {
                    duplicates++;
                } else {
                    Anomaly finding = new Anomaly(
                            "DIFFERENT_IN_KAFKA",
                            k.eventId(),
                            k.aggregateId(),
                            k.sequence(),
                            earlier.globalIndex(),
                            k.kafkaRecord(),
                            "published again with different " + difference);
                    findings.add(finding);
                    anomalies.add(finding);
                }
            } else {
                stillOpenKafka.add(k); // stored, not chained yet: compared when the chain takes it up
            }
        }
        long pending = 0;
        Instant cutoff = Instant.now().minus(grace);
        List<Event> stillOpenPostgres = new ArrayList<>();
        for (Event pg : postgres.values()) {
            if (!matched.contains(pg.eventId())) {
                stillOpenPostgres.add(pg);
                if (pg.time().isBefore(cutoff)) {
                    anomalies.add(missingInKafka(pg, topic, grace));
                } else {
                    pending++;
                }
            }
        }
        for (Event pg : unsequenced) {
            if (pg.time().isBefore(cutoff)) {
                anomalies.add(missingInKafka(pg, topic, grace));
            } else {
                pending++;
            }
        }
        sort(anomalies);
        return new Outcome(
                new Report(
                        anomalies.isEmpty(),
                        topic,
                        newEvents + unsequenced.size(),
                        records,
                        pending,
                        duplicates,
                        grace.toSeconds(),
                        List.copyOf(anomalies),
                        "INCREMENTAL",
                        from,
                        upTo,
                        null),
                stillOpenPostgres,
                stillOpenKafka,
                findings);
    }

    private static byte[] chainHash(Connection connection, long position) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT hash FROM event_chain WHERE position = ?")) {
            select.setLong(1, position);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private static void save(
            Connection connection, long position, byte[] hash, Map<Integer, Long> offsets, Outcome outcome)
            throws SQLException {
        StringBuilder text = new StringBuilder();
        offsets.forEach((partition, offset) -> text.append(text.length() == 0 ? "" : ",")
                .append(partition)
                .append(':')
                .append(offset));
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cross_check_checkpoint "
                + "(id, chain_position, chain_hash, kafka_offsets, checked_at) VALUES (1, ?, ?, ?, now()) "
                + "ON CONFLICT (id) DO UPDATE SET chain_position = EXCLUDED.chain_position, "
                + "chain_hash = EXCLUDED.chain_hash, kafka_offsets = EXCLUDED.kafka_offsets, checked_at = now()")) {
            upsert.setLong(1, position);
            upsert.setBytes(2, hash);
            upsert.setString(3, text.toString());
            upsert.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cross_check_open")) {
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cross_check_open (side, kind, "
                + "event_id, aggregate_id, sequence, type, payload_hash, global_index, kafka_record, stored_at, "
                + "chain_position, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Event e : outcome.openPostgres()) {
                open(insert, "POSTGRESQL", e);
            }
            for (Event e : outcome.openKafka()) {
                open(insert, "KAFKA", e);
            }
            for (Anomaly a : outcome.findings()) {
                insert.setString(1, "FINDING");
                insert.setString(2, a.kind());
                insert.setString(3, a.eventId());
                insert.setString(4, a.aggregateId());
                insert.setObject(5, a.sequence());
                insert.setString(6, null);
                insert.setString(7, null);
                insert.setObject(8, a.globalIndex());
                insert.setString(9, a.kafkaRecord());
                insert.setString(10, null);
                insert.setObject(11, null);
                insert.setString(12, a.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void open(PreparedStatement insert, String side, Event e) throws SQLException {
        insert.setString(1, side);
        insert.setString(2, null);
        insert.setString(3, e.eventId());
        insert.setString(4, e.aggregateId());
        insert.setLong(5, e.sequence());
        insert.setString(6, e.type());
        insert.setString(7, e.payloadHash());
        insert.setObject(8, e.globalIndex());
        insert.setString(9, e.kafkaRecord());
        insert.setString(10, e.time() == null ? null : e.time().toString());
        insert.setObject(11, e.chainPosition());
        insert.setString(12, null);
        insert.addBatch();
    }

    private static Map<Integer, Long> offsets(String text) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                String[] parts = pair.split(":");
                offsets.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return offsets;
    }

    private static Outcome full(
            Connection connection, TopicRead read, String topic, Duration grace, long upTo, String note)
            throws SQLException {
        Map<String, Event> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_COLUMNS + ", c.position "
                        + "FROM domainevententry e LEFT JOIN event_chain c ON c.global_index = e.globalindex");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Event e = event(rs);
                stored.put(e.eventId(), e);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        Map<String, Event> published = new HashMap<>();
        long records = 0;
        long duplicates = 0;
        for (ConsumerRecord<byte[], byte[]> record : read.records()) {
            records++;
            Event e = event(record);
            String id = e.eventId();
            if (id == null) {
                anomalies.add(notAnEvent(e));
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
                            e.kafkaRecord(),
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
                    anomalies.add(missingInKafka(pg, topic, grace));
                } else {
                    pending++;
                }
                continue;
            }
            String difference = difference(pg, kafka);
            if (difference != null) {
                anomalies.add(different(pg, kafka, difference));
            }
        }
        for (Event kafka : published.values()) {
            if (!stored.containsKey(kafka.eventId())) {
                anomalies.add(missingInPostgres(kafka));
            }
        }
        sort(anomalies);
        // what a checkpoint at chain position upTo leaves open: events chained up to there not on the topic, records
        // whose event is not chained up to there (yet), and the other findings, named until a full re-check
        Map<String, Event> compared = new HashMap<>();
        stored.values().stream()
                .filter(e -> e.chainPosition() != null && e.chainPosition() <= upTo)
                .forEach(e -> compared.put(e.eventId(), e));
        List<Event> openPostgres = compared.values().stream()
                .filter(e -> !published.containsKey(e.eventId()))
                .toList();
        List<Event> openKafka = published.values().stream()
                .filter(k -> !compared.containsKey(k.eventId()) && stored.containsKey(k.eventId()))
                .toList();
        List<Anomaly> findings = anomalies.stream()
                .filter(a -> !a.kind().equals("MISSING_IN_KAFKA"))
                .toList();
        return new Outcome(
                new Report(
                        anomalies.isEmpty(),
                        topic,
                        stored.size(),
                        records,
                        pending,
                        duplicates,
                        grace.toSeconds(),
                        List.copyOf(anomalies),
                        "FULL",
                        null,
                        upTo == Long.MAX_VALUE ? null : upTo,
                        note),
                openPostgres,
                openKafka,
                findings);
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

    /** The records read, and the offset after the last one of each partition (where the next read starts). */
    private record TopicRead(List<ConsumerRecord<byte[], byte[]>> records, Map<Integer, Long> next) {}

    /**
     * The records of the topic from these offsets (a partition not named: from its beginning) up to its end offsets at
     * the start of the read, from a consumer of no group.
     */
    private static TopicRead readTopic(String bootstrapServers, String topic, Map<Integer, Long> from) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "log-cross-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<Integer, Long> next = new TreeMap<>(from);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> partitions = infos == null
                    ? List.of()
                    : infos.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                return new TopicRead(records, next);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition partition : partitions) {
                Long offset = from.get(partition.partition());
                if (offset != null) {
                    consumer.seek(partition, offset);
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            end.forEach((partition, offset) -> next.put(partition.partition(), offset));
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
        return new TopicRead(records, next);
    }

    private static final String EVENT_COLUMNS =
            "e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber, e.payloadtype, e.payload, "
                    + "e.timestamp";

    /** A stored event, selected with {@link #EVENT_COLUMNS} and the chain position (or null) after them. */
    private static Event event(ResultSet rs) throws SQLException {
        return new Event(
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                sha256(rs.getBytes(6)),
                rs.getLong(1),
                null,
                Instant.parse(rs.getString(7)),
                (Long) rs.getObject(8));
    }

    private static Event event(ConsumerRecord<byte[], byte[]> record) {
        Long seq = HeaderUtils.valueAsLong(record.headers(), "axon-message-aggregate-seq");
        return new Event(
                HeaderUtils.valueAsString(record.headers(), "axon-message-id"),
                HeaderUtils.valueAsString(record.headers(), "axon-message-aggregate-id"),
                seq == null ? -1 : seq,
                HeaderUtils.valueAsString(record.headers(), "axon-message-type"),
                record.value() == null ? null : sha256(record.value()),
                null,
                record.partition() + "/" + record.offset(),
                null,
                null);
    }

    private static Anomaly notAnEvent(Event e) {
        return new Anomaly(
                "NOT_AN_EVENT_IN_KAFKA",
                null,
                e.aggregateId(),
                e.sequence(),
                null,
                e.kafkaRecord(),
                "the record has no axon-message-id header: it was not written by the publisher");
    }

    private static Anomaly missingInKafka(Event pg, String topic, Duration grace) {
        return new Anomaly(
                "MISSING_IN_KAFKA",
                pg.eventId(),
                pg.aggregateId(),
                pg.sequence(),
                pg.globalIndex(),
                null,
                "stored " + pg.time() + " and not on topic " + topic + " after " + grace.toSeconds() + " s"
                        + (pg.globalIndex() <= 0
                                ? " (global index " + pg.globalIndex() + ": the publisher never reads it)"
                                : ""));
    }

    private static Anomaly missingInPostgres(Event kafka) {
        return new Anomaly(
                "MISSING_IN_POSTGRESQL",
                kafka.eventId(),
                kafka.aggregateId(),
                kafka.sequence(),
                null,
                kafka.kafkaRecord(),
                "on the topic (type " + shortType(kafka.type())
                        + ") but not in the event table: deleted from the log, or written to the topic by someone else");
    }

    private static Anomaly different(Event pg, Event kafka, String difference) {
        return new Anomaly(
                "DIFFERENT",
                pg.eventId(),
                pg.aggregateId(),
                pg.sequence(),
                pg.globalIndex(),
                kafka.kafkaRecord(),
                "PostgreSQL and Kafka disagree on the " + difference);
    }

    private static void sort(List<Anomaly> anomalies) {
        anomalies.sort(Comparator.comparing((Anomaly a) -> a.globalIndex() == null ? Long.MAX_VALUE : a.globalIndex())
                .thenComparing(a -> Objects.toString(a.kafkaRecord(), "")));
    }
}
