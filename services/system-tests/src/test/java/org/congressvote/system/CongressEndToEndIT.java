package org.congressvote.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.congressvote.api.error.ErrorCode.ALREADY_VOTED;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.LiveStream;
import org.congressvote.testsupport.ServiceJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backbone end to end: both services as separate processes on the real PostgreSQL, Kafka broker and
 * MongoDB-wire server. 245 delegates check in and vote at once, some twice, some from two threads at once.
 */
@ExtendWith(RealServers.class)
class CongressEndToEndIT {

    private static final int DELEGATES = 245;
    static final String ADMIN_PASSWORD = SystemTestAdmin.PASSWORD;
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-Daxoniq.update-checker.disabled=true");

    private static ServiceJvm commandService;
    private static ServiceJvm queryService;
    private static CongressApi commands;
    private static CongressApi queries;

    @BeforeAll
    static void startServices() throws Exception {
        commandService = ServiceJvm.jar("command-service", ServiceJvm.jarOf("congress.commandServiceJar"))
                .jvmOptions(JVM_OPTIONS)
                .args(List.of(
                        "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                        "--spring.datasource.url=" + RealServers.jdbcUrl(),
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        queryService = ServiceJvm.jar("query-service", ServiceJvm.jarOf("congress.queryServiceJar"))
                .jvmOptions(JVM_OPTIONS)
                .args(List.of(
                        "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/congress",
                        "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        commandService.awaitHealthy(Duration.ofSeconds(300));
        queryService.awaitHealthy(Duration.ofSeconds(300));
        commands = new CongressApi(commandService.baseUrl());
        commands.signInAsStaff("admin", ADMIN_PASSWORD);
        queries = new CongressApi(queryService.baseUrl());
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (commandService != null) {
            commandService.close();
        }
        if (queryService != null) {
            queryService.close();
        }
    }

    @Test
    void aCongressOf245VotesOnceEachAndTheReadSideAgrees() throws Exception {
        String congress = "cantho-7-e2e";
        String motion = "agenda-e2e";
        commands.createCongress(congress, "Đại hội đại biểu lần thứ VII");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> queries.get("/api/congresses/" + congress + "/attendance")
                                .statusCode()
                        == 200);
        LiveStream live = LiveStream.open(queryService.baseUrl() + "/api/congresses/" + congress + "/live");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            runAll(
                    pool,
                    DELEGATES,
                    d -> commands.registerDelegate(congress, id(d), "Đại biểu Nguyễn Văn " + d, "Chi bộ " + (d % 95)));
            runAll(pool, DELEGATES, d -> commands.acceptCredentials(congress, id(d)));
            commands.completeCredentials(congress);
            commands.openSession(congress);
            Map<String, CongressApi> phones = new ConcurrentHashMap<>();
            runAll(pool, DELEGATES, d -> {
                phones.put(id(d), commands.phone(commands.checkIn(congress, id(d))));
                return null;
            });
            commands.createMotion(congress, motion, "Thông qua chương trình đại hội");
            commands.openMotion(motion);

            // Every delegate votes; every 5th sends a second, different vote afterwards; every 7th sends its vote
            // from two threads at once (two different requests).
            Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            List<Integer> attempts = new ArrayList<>();
            for (int d = 1; d <= DELEGATES; d++) {
                attempts.add(d);
                if (d % 7 == 0) {
                    attempts.add(d);
                }
            }
            java.util.Collections.shuffle(attempts, new java.util.Random(7));
            runAll(pool, attempts.size(), i -> {
                int d = attempts.get(i - 1);
                Answer response = phones.get(id(d)).vote(motion, choiceOf(d), null);
                count(response, id(d), accepted, refused);
                return null;
            });
            runAll(pool, DELEGATES / 5, i -> {
                int d = i * 5;
                Answer response = phones.get(id(d)).vote(motion, "ABSTAIN", null);
                count(response, id(d), accepted, refused);
                return null;
            });
            commands.closeMotion(motion);

            assertThat(accepted).hasSize(DELEGATES);
            assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(refused.get()).isEqualTo(DELEGATES / 7 + DELEGATES / 5);

            Map<String, Long> expected = expectedCounts();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        JsonNode tally = queries.tally(motion);
                        assertThat(tally.get("status").asText()).isEqualTo("CLOSED");
                        assertThat(tally.get("voted").asLong()).isEqualTo(DELEGATES);
                        assertThat(tally.get("agree").asLong()).isEqualTo(expected.get("AGREE"));
                        assertThat(tally.get("disagree").asLong()).isEqualTo(expected.get("DISAGREE"));
                        assertThat(tally.get("abstain").asLong()).isEqualTo(expected.get("ABSTAIN"));
                    });

            // Who voted how: for the secretariat, from the command side (the record itself).
            JsonNode votes = commands.getOk("/api/motions/" + motion + "/votes").get("votes");
            Map<String, String> byDelegate = new HashMap<>();
            votes.forEach(v -> assertThat(byDelegate.put(
                            v.get("delegateId").asText(), v.get("choice").asText()))
                    .as("one vote per delegate")
                    .isNull());
            assertThat(byDelegate).hasSize(DELEGATES);
            for (int d = 1; d <= DELEGATES; d++) {
                assertThat(byDelegate.get(id(d))).as(id(d)).isEqualTo(choiceOf(d));
            }

            JsonNode attendance = queries.attendance(congress);
            assertThat(attendance.get("summoned").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("present").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("quorumRequired").asLong()).isEqualTo(164); // two thirds of 245, rounded up
            assertThat(attendance.get("quorumMet").asBoolean()).isTrue();

            // The live stream delivered the attendance and the tally as they changed, ending with the full count.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(live.data("attendance"))
                        .anySatisfy(data -> assertThat(data).contains("\"present\":245"));
                assertThat(live.data("tally"))
                        .anySatisfy(data -> assertThat(data).contains("\"voted\":245"));
            });
            assertThat(live.data("tally").size())
                    .as("tally updates while voting")
                    .isGreaterThan(1);
        } finally {
            pool.shutdownNow();
            live.close();
        }
    }

    private static void count(
            Answer response, String delegate, Map<String, AtomicInteger> accepted, AtomicInteger refused) {
        if (response.statusCode() == 201) {
            accepted.computeIfAbsent(delegate, k -> new AtomicInteger()).incrementAndGet();
        } else if (response.statusCode() == 409
                && response.problem().errorCode().equals(Optional.of(ALREADY_VOTED))) {
            refused.incrementAndGet();
        } else {
            throw new AssertionError(delegate + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new HashMap<>(Map.of("AGREE", 0L, "DISAGREE", 0L, "ABSTAIN", 0L));
        for (int d = 1; d <= DELEGATES; d++) {
            counts.merge(choiceOf(d), 1L, Long::sum);
        }
        return counts;
    }

    static String choiceOf(int d) {
        int r = d % 10;
        return r < 7 ? "AGREE" : r < 9 ? "DISAGREE" : "ABSTAIN";
    }

    static String id(int d) {
        return String.format("D%03d", d);
    }

    interface Step {
        Object run(int i) throws Exception;
    }

    static void runAll(ExecutorService pool, int n, Step step) throws Exception {
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int k = i;
            futures.add(pool.submit(() -> step.run(k)));
        }
        for (Future<Object> f : futures) {
            f.get();
        }
    }
}
