package org.congressvote.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.congressvote.infra.RealServers;
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

    private static ServiceProcess commandService;
    private static ServiceProcess queryService;
    private static Api commands;
    private static Api queries;

    @BeforeAll
    static void startServices() throws Exception {
        commandService = new ServiceProcess(
                        "command-service",
                        "congress.commandServiceJar",
                        freePort(),
                        List.of(
                                "--CONGRESS_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                                "--spring.datasource.url=" + RealServers.jdbcUrl(),
                                "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        queryService = new ServiceProcess(
                        "query-service",
                        "congress.queryServiceJar",
                        freePort(),
                        List.of(
                                "--spring.data.mongodb.uri=" + RealServers.mongoUri() + "/congress",
                                "--axon.kafka.bootstrap-servers=" + RealServers.kafkaBootstrap()))
                .start();
        commandService.awaitHealthy(Duration.ofSeconds(300));
        queryService.awaitHealthy(Duration.ofSeconds(300));
        commands = new Api(commandService.baseUrl());
        commands.signInAsStaff("admin", ADMIN_PASSWORD);
        queries = new Api(queryService.baseUrl());
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
        commands.postOk(
                "/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội đại biểu lần thứ VII\"}");
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
                    d -> commands.postOk(
                            "/api/congresses/" + congress + "/delegates",
                            "{\"delegateId\":\"" + id(d) + "\",\"fullName\":\"Đại biểu Nguyễn Văn " + d
                                    + "\",\"organisation\":\"Chi bộ " + (d % 95) + "\"}"));
            runAll(
                    pool,
                    DELEGATES,
                    d -> commands.postOk(
                            "/api/congresses/" + congress + "/delegates/" + id(d) + "/credentials",
                            "{\"decision\":\"ACCEPT\"}"));
            commands.postOk("/api/congresses/" + congress + "/credentials/complete", "");
            commands.postOk("/api/congresses/" + congress + "/session/open", "");
            Map<String, Api> phones = new ConcurrentHashMap<>();
            runAll(pool, DELEGATES, d -> {
                String code = commands.postOk("/api/congresses/" + congress + "/delegates/" + id(d) + "/check-in", "")
                        .get("credentialCode")
                        .asText();
                phones.put(id(d), new Api(commandService.baseUrl()).signInWithCard(code));
                return null;
            });
            commands.postOk(
                    "/api/congresses/" + congress + "/motions",
                    "{\"motionId\":\"" + motion + "\",\"title\":\"Thông qua chương trình đại hội\"}");
            commands.postOk("/api/motions/" + motion + "/open", "");

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
                HttpResponse<String> response = phones.get(id(d))
                        .post("/api/motions/" + motion + "/votes", "{\"choice\":\"" + choiceOf(d) + "\"}");
                count(response, id(d), accepted, refused);
                return null;
            });
            runAll(pool, DELEGATES / 5, i -> {
                int d = i * 5;
                HttpResponse<String> response =
                        phones.get(id(d)).post("/api/motions/" + motion + "/votes", "{\"choice\":\"ABSTAIN\"}");
                count(response, id(d), accepted, refused);
                return null;
            });
            commands.postOk("/api/motions/" + motion + "/close", "");

            assertThat(accepted).hasSize(DELEGATES);
            assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(refused.get()).isEqualTo(DELEGATES / 7 + DELEGATES / 5);

            Map<String, Long> expected = expectedCounts();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        JsonNode tally = queries.getJson("/api/motions/" + motion + "/tally");
                        assertThat(tally.get("status").asText()).isEqualTo("CLOSED");
                        assertThat(tally.get("voted").asLong()).isEqualTo(DELEGATES);
                        assertThat(tally.get("agree").asLong()).isEqualTo(expected.get("AGREE"));
                        assertThat(tally.get("disagree").asLong()).isEqualTo(expected.get("DISAGREE"));
                        assertThat(tally.get("abstain").asLong()).isEqualTo(expected.get("ABSTAIN"));
                    });

            // Who voted how: for the secretariat, from the command side (the record itself).
            JsonNode votes =
                    commands.getJson("/api/motions/" + motion + "/votes").get("votes");
            Map<String, String> byDelegate = new HashMap<>();
            votes.forEach(v -> assertThat(byDelegate.put(
                            v.get("delegateId").asText(), v.get("choice").asText()))
                    .as("one vote per delegate")
                    .isNull());
            assertThat(byDelegate).hasSize(DELEGATES);
            for (int d = 1; d <= DELEGATES; d++) {
                assertThat(byDelegate.get(id(d))).as(id(d)).isEqualTo(choiceOf(d));
            }

            JsonNode attendance = queries.getJson("/api/congresses/" + congress + "/attendance");
            assertThat(attendance.get("summoned").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("present").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("quorumRequired").asLong()).isEqualTo(164); // two thirds of 245, rounded up
            assertThat(attendance.get("quorumMet").asBoolean()).isTrue();

            // The live stream delivered the attendance and the tally as they changed, ending with the full count.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(live.events("attendance"))
                        .anySatisfy(data -> assertThat(data).contains("\"present\":245"));
                assertThat(live.events("tally"))
                        .anySatisfy(data -> assertThat(data).contains("\"voted\":245"));
            });
            assertThat(live.events("tally").size())
                    .as("tally updates while voting")
                    .isGreaterThan(1);
        } finally {
            pool.shutdownNow();
            live.close();
        }
    }

    private static void count(
            HttpResponse<String> response,
            String delegate,
            Map<String, AtomicInteger> accepted,
            AtomicInteger refused) {
        if (response.statusCode() == 201) {
            accepted.computeIfAbsent(delegate, k -> new AtomicInteger()).incrementAndGet();
        } else if (response.statusCode() == 409 && response.body().contains("ALREADY_VOTED")) {
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

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Reads a server-sent event stream in the background and keeps every event's data by event name. */
    static final class LiveStream implements AutoCloseable {

        private final Map<String, List<String>> events = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile InputStream body;

        private LiveStream(String url) {
            reader = new Thread(() -> read(url), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveStream open(String url) {
            return new LiveStream(url);
        }

        List<String> events(String name) {
            return events.getOrDefault(name, List.of());
        }

        private void read(String url) {
            try {
                HttpResponse<InputStream> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Accept", "text/event-stream")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                                .add(data.toString());
                        name = "message";
                        data.setLength(0);
                    }
                }
            } catch (Exception stopped) {
                // the stream ends when the test closes it
            }
        }

        @Override
        public void close() throws Exception {
            if (body != null) {
                body.close();
            }
            reader.interrupt();
        }
    }
}
