package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The command side on a real PostgreSQL and a real Kafka broker, driven over HTTP as clients drive it. */
@ExtendWith(RealServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandServiceIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", RealServers::jdbcUrl);
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachDelegateVotesExactlyOnceEvenWhenRequestsRace() throws Exception {
        String congress = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        int delegates = 40;
        convene(congress, delegates);
        post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}", 201);
        post("/api/motions/" + motion + "/open", "", 200);

        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger refusedAsDuplicate = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            for (int d = 1; d <= delegates; d++) {
                String delegate = delegateId(d);
                String choice = attempt == 0 ? "AGREE" : "DISAGREE";
                futures.add(pool.submit(() -> {
                    HttpResponse<String> response = send("/api/motions/" + motion + "/votes",
                            "{\"delegateId\":\"" + delegate + "\",\"choice\":\"" + choice + "\",\"requestId\":\""
                                    + UUID.randomUUID() + "\"}");
                    if (response.statusCode() == 201) {
                        accepted.computeIfAbsent(delegate, k -> new AtomicInteger()).incrementAndGet();
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
        assertThat(accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(refusedAsDuplicate.get()).isEqualTo(2 * delegates);
        assertThat(storedVotes(motion)).isEqualTo(delegates);
    }

    @Test
    void aRetriedVoteRequestGetsTheSameAnswerAndStoresOneVote() throws Exception {
        String congress = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        convene(congress, 1);
        post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}", 201);
        post("/api/motions/" + motion + "/open", "", 200);

        String body = "{\"delegateId\":\"D001\",\"choice\":\"ABSTAIN\",\"requestId\":\"req-42\"}";
        HttpResponse<String> first = send("/api/motions/" + motion + "/votes", body);
        HttpResponse<String> retry = send("/api/motions/" + motion + "/votes", body);
        HttpResponse<String> other = send("/api/motions/" + motion + "/votes",
                "{\"delegateId\":\"D001\",\"choice\":\"AGREE\",\"requestId\":\"req-43\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("ALREADY_VOTED");
        assertThat(storedVotes(motion)).isEqualTo(1);
    }

    @Test
    void votesRacingTheCloseAreStoredBeforeItAndNoneAfterIt() throws Exception {
        String congress = "close-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        int delegates = 60;
        convene(congress, delegates);
        post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}", 201);
        post("/api/motions/" + motion + "/open", "", 200);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refusedClosed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int d = 1; d <= delegates; d++) {
            String delegate = delegateId(d);
            futures.add(pool.submit(() -> {
                HttpResponse<String> response = send("/api/motions/" + motion + "/votes",
                        "{\"delegateId\":\"" + delegate + "\",\"choice\":\"AGREE\"}");
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
                futures.add(pool.submit(() -> post("/api/motions/" + motion + "/close", "", 200)));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(accepted.get() + refusedClosed.get()).isEqualTo(delegates);
        assertThat(storedVotes(motion)).isEqualTo(accepted.get());
        Long closedAt = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%MotionClosedEvent'", Long.class, motion);
        Long lastVote = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier "
                + "LIKE ?", Long.class, "vote:" + motion + ":%");
        if (lastVote != null) {
            assertThat(lastVote).isLessThan(closedAt);
        }
    }

    @Test
    void absentDelegatesAndUnknownMotionsAreRefusedWithProblems() throws Exception {
        String congress = "refuse-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        convene(congress, 2);
        post("/api/congresses/" + congress + "/delegates/D002/check-out", "", 200);
        post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}", 201);

        HttpResponse<String> notOpen = send("/api/motions/" + motion + "/votes", "{\"delegateId\":\"D001\",\"choice\":\"AGREE\"}");
        assertThat(notOpen.statusCode()).isEqualTo(409);
        assertThat(notOpen.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(notOpen.body()).contains("MOTION_NOT_OPEN");

        post("/api/motions/" + motion + "/open", "", 200);
        HttpResponse<String> absent = send("/api/motions/" + motion + "/votes", "{\"delegateId\":\"D002\",\"choice\":\"AGREE\"}");
        assertThat(absent.statusCode()).isEqualTo(409);
        assertThat(absent.body()).contains("DELEGATE_NOT_PRESENT");

        HttpResponse<String> unknown = send("/api/motions/no-such-motion/votes", "{\"delegateId\":\"D001\",\"choice\":\"AGREE\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("MOTION_NOT_FOUND");

        HttpResponse<String> malformed = send("/api/motions/" + motion + "/votes", "{\"delegateId\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));

        HttpResponse<String> badChoice = send("/api/motions/" + motion + "/votes", "{\"delegateId\":\"D001\",\"choice\":\"MAYBE\"}");
        assertThat(badChoice.statusCode()).isEqualTo(400);

        HttpResponse<String> unknownField = send("/api/motions/" + motion + "/votes",
                "{\"delegateId\":\"D001\",\"choice\":\"AGREE\",\"weight\":1000}");
        assertThat(unknownField.statusCode()).isEqualTo(400);

        HttpResponse<String> unknownCongress = send("/api/congresses/nowhere/delegates/D001/check-in", "");
        assertThat(unknownCongress.statusCode()).isEqualTo(404);

        assertThat(storedVotes(motion)).isZero();
    }

    @Test
    void everyStoredEventIsPublishedToKafkaKeyedByItsAggregate() throws Exception {
        String congress = "kafka-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        convene(congress, 1);
        post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}", 201);
        post("/api/motions/" + motion + "/open", "", 200);
        post("/api/motions/" + motion + "/votes", "{\"delegateId\":\"D001\",\"choice\":\"AGREE\"}", 201);
        String voteId = "vote:" + motion + ":D001";

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        boolean found = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
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
        assertThat(found).as("the vote event on topic congress-events with key " + voteId).isTrue();
    }

    /** A congress in session with {@code delegates} officials, all credentials accepted and all checked in. */
    private void convene(String congress, int delegates) throws Exception {
        post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội thử\"}", 201);
        for (int d = 1; d <= delegates; d++) {
            post("/api/congresses/" + congress + "/delegates", "{\"delegateId\":\"" + delegateId(d)
                    + "\",\"fullName\":\"Đại biểu " + d + "\",\"organisation\":\"Chi bộ " + (d % 5) + "\"}", 201);
            post("/api/congresses/" + congress + "/delegates/" + delegateId(d) + "/credentials",
                    "{\"decision\":\"ACCEPT\"}", 200);
        }
        post("/api/congresses/" + congress + "/credentials/complete", "", 200);
        post("/api/congresses/" + congress + "/session/open", "", 200);
        for (int d = 1; d <= delegates; d++) {
            post("/api/congresses/" + congress + "/delegates/" + delegateId(d) + "/check-in", "", 200);
        }
    }

    private static String delegateId(int d) {
        return String.format("D%03d", d);
    }

    private long storedVotes(String motion) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ? "
                + "AND payloadtype LIKE '%VoteCastEvent'", Long.class, "vote:" + motion + ":%");
        return count == null ? 0 : count;
    }

    private HttpResponse<String> post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(path, body);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
        return response;
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
