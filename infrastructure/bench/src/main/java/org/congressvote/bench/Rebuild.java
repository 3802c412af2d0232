package org.congressvote.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.ServiceJvm;

/**
 * Projection rebuild speed. The query-service has no rebuild endpoint; a rebuild is a query-service started on an
 * empty MongoDB database, whose processors then read the topic from its start. The topic is written here in the
 * command side's exact wire format (Axon's Kafka converter with Jackson, key = aggregate id): one congress of
 * {@value #DELEGATES} delegates registered and checked in, then motions of {@value #VOTERS} votes each, opened and
 * closed, up to the requested number of events. Speed = events / time from the first event projected to the last.
 */
final class Rebuild {

    static final int DELEGATES = 5_000;
    static final int VOTERS = 5_000;

    record Result(
            long events,
            double seconds,
            double eventsPerSecond,
            double startupSeconds,
            boolean complete,
            long processed) {}

    private Rebuild() {}

    /** Writes the synthetic log to a new topic; returns the number of events written. */
    static long writeTopic(String bootstrap, String topic, String congressId, long events) throws Exception {
        RawLimits.createTopic(bootstrap, topic, 4);
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(mapper).build())
                .build();
        long written = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RawLimits.producerSettings(bootstrap))) {
            long seq = 0;
            written += send(
                    producer,
                    converter,
                    topic,
                    "Congress",
                    congressId,
                    seq++,
                    new CongressCreatedEvent(congressId, "Rebuild " + congressId, Fraction.TWO_THIRDS));
            for (int d = 0; d < DELEGATES; d++) {
                written += send(
                        producer,
                        converter,
                        topic,
                        "Congress",
                        congressId,
                        seq++,
                        new DelegateRegisteredEvent(congressId, delegate(d), "Delegate " + d, "Org " + (d % 97)));
            }
            for (int d = 0; d < DELEGATES; d++) {
                written += send(
                        producer,
                        converter,
                        topic,
                        "Congress",
                        congressId,
                        seq++,
                        new DelegateCheckedInEvent(congressId, delegate(d)));
            }
            for (int m = 0; written < events; m++) {
                String motionId = motion(congressId, m);
                written += send(
                        producer,
                        converter,
                        topic,
                        "Motion",
                        motionId,
                        0,
                        new MotionCreatedEvent(motionId, congressId, "Motion " + m));
                written += send(
                        producer, converter, topic, "Motion", motionId, 1, new MotionOpenedEvent(motionId, congressId));
                long votes = Math.min(VOTERS, Math.max(0, events - written - 1));
                for (int v = 0; v < votes; v++) {
                    String voter = delegate(v);
                    VoteChoice choice = VoteChoice.values()[Math.floorMod(v * 7 + m, 3)];
                    written += send(
                            producer,
                            converter,
                            topic,
                            "Vote",
                            VoteId.of(motionId, voter),
                            0,
                            new VoteCastEvent(
                                    VoteId.of(motionId, voter),
                                    motionId,
                                    congressId,
                                    voter,
                                    choice,
                                    "rebuild-" + m + "-" + v));
                }
                // the close's counts are not what the rebuild measures: a result of a motion nobody was summoned to
                written += send(
                        producer,
                        converter,
                        topic,
                        "Motion",
                        motionId,
                        2,
                        new MotionClosedEvent(
                                motionId, congressId, DecisionRule.MAJORITY_OF_SUMMONED, 0, 0, 0, 0, 0, 0, 1, false));
            }
            producer.flush();
        }
        return written;
    }

    static String delegate(int d) {
        return String.format("R%05d", d);
    }

    static String motion(String congressId, int m) {
        return congressId + "-m" + m;
    }

    private static int send(
            KafkaProducer<String, byte[]> producer,
            DefaultKafkaMessageConverter converter,
            String topic,
            String type,
            String aggregateId,
            long seq,
            Object payload) {
        Future<RecordMetadata> ignored = producer.send(
                converter.createKafkaMessage(new GenericDomainEventMessage<>(type, aggregateId, seq, payload), topic));
        return 1;
    }

    /**
     * Starts a query-service on database {@code database} reading {@code topic} and waits (at most {@code bound}) until
     * its processors (one, feeding every view) have read every event.
     */
    static Result measure(BenchSystem system, String topic, String database, long events, Duration bound)
            throws Exception {
        ServiceJvm query = BenchSystem.service(
                system.dir,
                "query-rebuild-" + database,
                system.queryJar,
                List.of(
                        "--spring.data.mongodb.uri=" + system.mongoUri() + "/" + database,
                        "--axon.kafka.bootstrap-servers=" + system.kafka.bootstrapServers(),
                        "--axon.kafka.default-topic=" + topic));
        long launched = System.nanoTime();
        query.start();
        long firstProgress = 0;
        long processed = 0;
        long end = launched + bound.toNanos();
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            while (System.nanoTime() < end) {
                processed = processed(mongo, database, topic);
                if (processed > 0 && firstProgress == 0) {
                    firstProgress = System.nanoTime();
                }
                if (processed >= events) {
                    break;
                }
                if (!query.isAlive()) {
                    throw new IllegalStateException("rebuild query-service exited; see " + query.log());
                }
                Thread.sleep(250);
            }
            long done = System.nanoTime();
            boolean complete = processed >= events;
            double seconds = (done - (firstProgress == 0 ? launched : firstProgress)) / 1e9;
            double startup = ((firstProgress == 0 ? done : firstProgress) - launched) / 1e9;
            return new Result(events, seconds, Math.min(processed, events) / seconds, startup, complete, processed);
        } finally {
            query.close();
        }
    }

    /**
     * Events read by the slowest processor, from their tokens in MongoDB (Kafka positions per partition, each the
     * offset of the last record handled).
     */
    static long processed(MongoClient mongo, String database, String topic) {
        long slowest = Long.MAX_VALUE;
        int processors = 0;
        for (Document token :
                mongo.getDatabase(database).getCollection("trackingtokens").find()) {
            Object raw = token.get("token");
            if (raw == null) {
                slowest = 0;
                processors++;
                continue;
            }
            byte[] bytes = raw instanceof Binary b ? b.getData() : raw instanceof byte[] a ? a : null;
            long sum = 0;
            try {
                JsonNode json = CongressApi.JSON.readTree(
                        bytes == null ? raw.toString() : new String(bytes, StandardCharsets.UTF_8));
                // a fresh processor holds a replay token: {tokenAtReset, currentToken: {positions}}
                JsonNode positions =
                        json.has("currentToken") ? json.path("currentToken").path("positions") : json.path("positions");
                for (var it = positions.fields(); it.hasNext(); ) {
                    sum += it.next().getValue().asLong() + 1;
                }
            } catch (Exception e) {
                sum = 0;
            }
            slowest = Math.min(slowest, sum);
            processors++;
        }
        return processors < 1 ? 0 : slowest;
    }
}
