package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.congressvote.command.TestApi.delegateId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command side on a real PostgreSQL and a real Kafka broker, driven over HTTP as clients drive it. */
class CommandServiceIntegrationTest extends RealServersTest {

    private TestApi api;

    @BeforeEach
    void setUp() {
        api = api();
    }

    private String openMotion(String congress, int delegates) throws Exception {
        api.convene(congress, delegates);
        String motion = congress + "-m1";
        api.post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}");
        api.post("/api/motions/" + motion + "/open", "");
        return motion;
    }

    @Test
    void eachDelegateVotesExactlyOnceEvenWhenRequestsRace() throws Exception {
        String congress = "race-" + UUID.randomUUID().toString().substring(0, 8);
        int delegates = 40;
        String motion = openMotion(congress, delegates);

        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger refusedAsDuplicate = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            for (int d = 1; d <= delegates; d++) {
                String delegate = delegateId(d);
                String choice = attempt == 0 ? "AGREE" : "DISAGREE";
                futures.add(pool.submit(() -> {
                    Answer response = api.asDelegate(
                            congress,
                            delegate,
                            "/api/motions/" + motion + "/votes",
                            "{\"choice\":\"" + choice + "\",\"requestId\":\"" + UUID.randomUUID() + "\"}");
                    if (response.statusCode() == 201) {
                        accepted.computeIfAbsent(delegate, k -> new AtomicInteger())
                                .incrementAndGet();
                    } else if (response.statusCode() == 409 && response.body().contains("ALREADY_VOTED")) {
                        refusedAsDuplicate.incrementAndGet();
                    } else {
                        throw new AssertionError(response.statusCode() + " " + response.body());
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(accepted).hasSize(delegates);
        assertThat(accepted.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(refusedAsDuplicate.get()).isEqualTo(2 * delegates);
        assertThat(storedVotes(motion)).isEqualTo(delegates);
        assertThat(api.get("/api/motions/" + motion + "/votes").get("votes")).hasSize(delegates);
    }

    @Test
    void aRetriedVoteRequestGetsTheSameAnswerAndStoresOneVote() throws Exception {
        String congress = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = openMotion(congress, 1);

        String body = "{\"delegateId\":\"D001\",\"choice\":\"ABSTAIN\",\"requestId\":\"req-42\"}";
        Answer first = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        Answer retry = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        Answer other = api.asDelegate(
                congress,
                "D001",
                "/api/motions/" + motion + "/votes",
                "{\"choice\":\"AGREE\",\"requestId\":\"req-43\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("ALREADY_VOTED");
        assertThat(storedVotes(motion)).isEqualTo(1);
        // the phone shows the stored vote, not the refused one
        JsonNode phone = new ObjectMapper()
                .readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D001"))
                        .body());
        assertThat(phone.get("openVotes")).anySatisfy(v -> {
            assertThat(v.get("id").asText()).isEqualTo(motion);
            assertThat(v.get("voted").asBoolean()).isTrue();
            assertThat(v.get("choice").asText()).isEqualTo("ABSTAIN");
        });
    }

    @Test
    void votesRacingTheCloseAreStoredBeforeItAndNoneAfterIt() throws Exception {
        String congress = "close-" + UUID.randomUUID().toString().substring(0, 8);
        int delegates = 60;
        String motion = openMotion(congress, delegates);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refusedClosed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int d = 1; d <= delegates; d++) {
            String delegate = delegateId(d);
            futures.add(pool.submit(() -> {
                Answer response = api.asDelegate(
                        congress, delegate, "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}");
                if (response.statusCode() == 201) {
                    accepted.incrementAndGet();
                } else if (response.statusCode() == 409 && response.body().contains("MOTION_NOT_OPEN")) {
                    refusedClosed.incrementAndGet();
                } else {
                    throw new AssertionError(response.statusCode() + " " + response.body());
                }
                return null;
            }));
            if (d == delegates / 2) {
                futures.add(pool.submit(() -> api.post("/api/motions/" + motion + "/close", "")));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(accepted.get() + refusedClosed.get()).isEqualTo(delegates);
        assertThat(storedVotes(motion)).isEqualTo(accepted.get());
        Long closedAt = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%MotionClosedEvent'",
                Long.class, motion);
        Long lastVote = jdbc.queryForObject(
                "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier " + "LIKE ?",
                Long.class,
                "vote:" + motion + ":%");
        if (lastVote != null) {
            assertThat(lastVote).isLessThan(closedAt);
        }
        // The result at the close counts exactly the votes stored before it.
        String closed = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE globalindex = ?",
                String.class,
                closedAt);
        assertThat(closed).contains("\"agree\":" + accepted.get() + ",");
    }

    @Test
    void absentDelegatesAndUnknownMotionsAreRefusedWithProblems() throws Exception {
        String congress = "refuse-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        api.convene(congress, 2);
        api.post("/api/congresses/" + congress + "/delegates/D002/check-out", "{\"reason\":\"left the hall\"}");
        api.post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}");

        Answer notOpen =
                api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}");
        assertThat(notOpen.statusCode()).isEqualTo(409);
        assertThat(notOpen.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(notOpen.body()).contains("MOTION_NOT_OPEN");

        api.post("/api/motions/" + motion + "/open", "");
        Answer absent = api.asDelegate(congress, "D002", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}");
        assertThat(absent.statusCode()).isEqualTo(409);
        assertThat(absent.body()).contains("DELEGATE_NOT_PRESENT");

        Answer unknown =
                api.asDelegate(congress, "D001", "/api/motions/no-such-motion/votes", "{\"choice\":\"AGREE\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("MOTION_NOT_FOUND");

        Answer malformed = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));

        Answer badChoice =
                api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"MAYBE\"}");
        assertThat(badChoice.statusCode()).isEqualTo(400);

        Answer unknownField = api.asDelegate(
                congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\",\"weight\":1000}");
        assertThat(unknownField.statusCode()).isEqualTo(400);

        Answer unknownCongress = api.send("POST", "/api/congresses/nowhere/delegates/D001/check-in", "", api.admin());
        assertThat(unknownCongress.statusCode()).isEqualTo(404);

        assertThat(storedVotes(motion)).isZero();
    }

    @Test
    void nobodyVotesForSomeoneElse() throws Exception {
        String congress = "who-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = openMotion(congress, 2);

        Answer asOther = api.asDelegate(
                congress,
                "D001",
                "/api/motions/" + motion + "/votes",
                "{\"delegateId\":\"D002\",\"choice\":\"AGREE\"}");
        assertThat(asOther.statusCode()).isEqualTo(403);
        Answer bySecretariat = api.send(
                "POST",
                "/api/motions/" + motion + "/votes",
                "{\"delegateId\":\"D001\",\"choice\":\"AGREE\"}",
                api.admin());
        assertThat(bySecretariat.statusCode()).isEqualTo(403);
        Answer anonymous = api.send("POST", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        Answer forged = api.send("POST", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}", "forged-token");
        assertThat(forged.statusCode()).isEqualTo(401);
        Answer delegateCloses =
                api.send("POST", "/api/motions/" + motion + "/close", "", api.tokenOf(congress, "D001"));
        assertThat(delegateCloses.statusCode()).isEqualTo(403);
        Answer delegateReadsLog = api.send("GET", "/api/audit/events", null, api.tokenOf(congress, "D001"));
        assertThat(delegateReadsLog.statusCode()).isEqualTo(403);
        assertThat(storedVotes(motion)).isZero();

        // A lost card: the secretariat re-issues it; the old session stops working at once, the new code works.
        String oldToken = api.tokenOf(congress, "D001");
        String code = api.post("/api/congresses/" + congress + "/delegates/D001/card", "{\"reason\":\"card lost\"}")
                .get("credentialCode")
                .asText();
        assertThat(api.send("POST", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}", oldToken)
                        .statusCode())
                .isEqualTo(401);
        api.signIn(congress, "D001", code);
        assertThat(api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void everyStoredEventIsPublishedToKafkaKeyedByItsAggregate() throws Exception {
        String congress = "kafka-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = openMotion(congress, 1);
        assertThat(api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        String voteId = "vote:" + motion + ":D001";

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        boolean found = false;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("congress-events"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!found && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (voteId.equals(record.key()) && new String(record.value()).contains("\"choice\":\"AGREE\"")) {
                        found = true;
                    }
                }
            }
        }
        assertThat(found)
                .as("the vote event on topic congress-events with key " + voteId)
                .isTrue();
    }

    private long storedVotes(String motion) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ? "
                        + "AND payloadtype LIKE '%VoteCastEvent'",
                Long.class, "vote:" + motion + ":%");
        return count == null ? 0 : count;
    }
}
