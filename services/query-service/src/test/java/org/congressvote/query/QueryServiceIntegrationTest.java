package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ConfigurerModule;
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
import org.congressvote.infra.RealServers;
import org.congressvote.query.live.LiveDashboard;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.store.ViewStore;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.HandledEvents;
import org.congressvote.query.support.Latencies;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.LiveStream;
import org.congressvote.testsupport.SseParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service on a real Kafka broker and MongoDB-wire server, fed with events published as the command side
 * publishes them, read over HTTP and server-sent events as clients read it. Logs the publish-to-projection latency.
 */
@ExtendWith({RealServers.class, OutputCaptureExtension.class})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "congress.live.heartbeat=300ms")
// Closed after the class: left to the JVM's exit it would race the servers' own shutdown and retry for 30 s.
@DirtiesContext
class QueryServiceIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(QueryServiceIntegrationTest.class);
    private static final int DELEGATES = 245;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/query-it");
    }

    @TestConfiguration
    static class Probes {
        @Bean
        HandledEvents handledEvents() {
            return new HandledEvents(ViewStore.PROCESSING_GROUP);
        }

        @Bean
        ConfigurerModule handledEventsModule(HandledEvents handledEvents) {
            return handledEvents.module();
        }
    }

    private static CommandSideEvents events;

    @LocalServerPort
    int port;

    @Autowired
    HandledEvents handled;

    @Autowired
    LiveDashboard dashboard;

    @Autowired
    MotionProjection motions;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void publisher() {
        events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC);
    }

    @AfterAll
    static void closePublisher() {
        events.close();
    }

    @Test
    void projectionsAndTheLiveStreamFollowTheEventsExactlyOnceThoughSomeArriveTwice() throws Exception {
        String congress = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        convene(congress);
        events.publish("Motion", motion, new MotionCreatedEvent(motion, congress, "Adopt the agenda"));
        events.publish("Motion", motion, new MotionOpenedEvent(motion, congress));
        events.flush();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/motions/" + motion + "/tally") == 200
                        && getJson("/api/congresses/" + congress + "/attendance")
                                        .get("present")
                                        .asLong()
                                == DELEGATES);

        try (LiveStream live = LiveStream.open(url("/api/congresses/" + congress + "/live"))) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !live.data("attendance").isEmpty()
                            && !live.data("tally").isEmpty());
            assertThat(live.data("attendance").get(0)).contains("\"present\":" + DELEGATES);
            assertThat(live.data("tally").get(0)).contains("\"motionId\":\"" + motion + "\"", "\"voted\":0");

            // Votes at about 100 a second, as a hall of delegates votes; every 5th vote is published twice.
            Map<String, Long> expected = new HashMap<>(Map.of("AGREE", 0L, "DISAGREE", 0L, "ABSTAIN", 0L));
            long[] sentAt = new long[DELEGATES];
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int d = 0; d < DELEGATES; d++) {
                VoteChoice choice = VoteChoice.values()[d % 3];
                expected.merge(choice.name(), 1L, Long::sum);
                VoteCastEvent vote = voteOf(congress, motion, delegate(d), choice);
                sentAt[d] = System.nanoTime();
                sends.add(events.publish("Vote", vote.voteId(), vote));
                if (d % 5 == 0) {
                    sends.add(events.publishAt("Vote", vote.voteId(), 0, vote));
                }
                Thread.sleep(10);
            }
            for (Future<RecordMetadata> sent : sends) {
                events.awaitSent(sent);
            }
            // A publisher that crashed and restarted sends the motion's and a congress's events again.
            events.publishAt("Motion", motion, 1, new MotionOpenedEvent(motion, congress));
            events.publishAt("Congress", congress, DELEGATES + 1, new DelegateCheckedInEvent(congress, delegate(0)));
            long agree = expected.get("AGREE");
            events.publish(
                    "Motion",
                    motion,
                    new MotionClosedEvent(
                            motion,
                            congress,
                            DecisionRule.MAJORITY_OF_SUMMONED,
                            DELEGATES,
                            DELEGATES,
                            agree,
                            expected.get("DISAGREE"),
                            expected.get("ABSTAIN"),
                            DELEGATES,
                            123,
                            agree >= 123));
            events.flush();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode tally = getJson("/api/motions/" + motion + "/tally");
                assertThat(tally.get("status").asText()).isEqualTo("CLOSED");
                assertThat(tally.get("voted").asLong()).isEqualTo(DELEGATES);
            });
            JsonNode tally = getJson("/api/motions/" + motion + "/tally");
            assertThat(tally.get("agree").asLong()).isEqualTo(expected.get("AGREE"));
            assertThat(tally.get("disagree").asLong()).isEqualTo(expected.get("DISAGREE"));
            assertThat(tally.get("abstain").asLong()).isEqualTo(expected.get("ABSTAIN"));
            assertThat(tally.at("/result/threshold").asLong()).isEqualTo(123);
            assertThat(tally.at("/result/baseCount").asLong()).isEqualTo(DELEGATES);
            // The votes counted from the vote events, whatever the close says, come to the close's counts.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> motions.liveCounts(motion).voted() == DELEGATES);
            assertThat(motions.liveCounts(motion))
                    .isEqualTo(new MotionProjection.LiveCounts(
                            expected.get("AGREE"), expected.get("DISAGREE"), expected.get("ABSTAIN")));
            assertThat(status("/api/motions/" + motion + "/votes"))
                    .as("who voted how is not public")
                    .isEqualTo(404);
            assertThat(getJson("/api/congresses/" + congress + "/motions")).hasSize(1);
            JsonNode attendance = getJson("/api/congresses/" + congress + "/attendance");
            assertThat(attendance.get("summoned").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("present").asLong()).isEqualTo(DELEGATES);
            assertThat(attendance.get("quorumRequired").asLong()).isEqualTo(164);
            assertThat(attendance.get("quorumMet").asBoolean()).isTrue();

            await().atMost(Duration.ofSeconds(2))
                    .until(() -> live.data("tally").stream()
                            .anyMatch(t -> t.contains("\"voted\":" + DELEGATES) && t.contains("\"CLOSED\"")));
            List<SseParser.Event> tallyEvents =
                    live.events().stream().filter(e -> e.name().equals("tally")).toList();
            assertThat(tallyEvents.size()).as("coalesced tally events").isBetween(3, DELEGATES);

            Latencies toProjection = new Latencies();
            for (int d = 0; d < DELEGATES; d++) {
                Long at = handled.handledAt(VoteId.of(motion, delegate(d)), 0);
                assertThat(at).as("vote of " + delegate(d) + " handled").isNotNull();
                // A vote published twice: its first handling counts, measured from its first publication.
                toProjection.add(sentAt[d], at);
            }
            Latencies toLiveStream = new Latencies();
            for (SseParser.Event event : tallyEvents) {
                int voted = json.readTree(event.data()).get("voted").asInt();
                if (voted > 0) {
                    toLiveStream.add(sentAt[voted - 1], event.receivedNanos());
                }
            }
            log.info(
                    "Latency publish -> projection (Kafka, processor, MongoDB write), {} votes at ~100/s: {}",
                    DELEGATES,
                    toProjection.summary());
            log.info(
                    "Latency publish of the n-th vote -> live tally showing n votes ({} events): {}",
                    tallyEvents.size(),
                    toLiveStream.summary());
        }
    }

    @Test
    void aBurstOfVotesReachesTheLiveTallyInCoalescedUpdates() throws Exception {
        String congress = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m1";
        int votes = 2_000;
        events.publish("Congress", congress, new CongressCreatedEvent(congress, "Burst", Fraction.HALF));
        events.publish("Motion", motion, new MotionCreatedEvent(motion, congress, "Burst motion"));
        events.publish("Motion", motion, new MotionOpenedEvent(motion, congress));
        events.flush();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/motions/" + motion + "/tally") == 200
                        && status("/api/congresses/" + congress + "/attendance") == 200);

        try (LiveStream live = LiveStream.open(url("/api/congresses/" + congress + "/live"))) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !live.data("tally").isEmpty());
            long[] sentAt = new long[votes];
            long start = System.nanoTime();
            for (int d = 0; d < votes; d++) {
                VoteCastEvent vote = voteOf(congress, motion, "b" + d, VoteChoice.AGREE);
                sentAt[d] = System.nanoTime();
                events.publish("Vote", vote.voteId(), vote);
            }
            events.flush();
            long published = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> live.data("tally").stream().anyMatch(t -> t.contains("\"voted\":" + votes)));
            long shown = System.nanoTime();

            Latencies toProjection = new Latencies();
            for (int d = 0; d < votes; d++) {
                toProjection.add(sentAt[d], handled.handledAt(VoteId.of(motion, "b" + d), 0));
            }
            long tallyEvents =
                    live.events().stream().filter(e -> e.name().equals("tally")).count();
            log.info(
                    "Burst of {} votes published in {} ms, all on the live tally after {} ms ({} votes/s) in {} "
                            + "tally events; publish -> projection: {}",
                    votes,
                    (published - start) / 1_000_000,
                    (shown - start) / 1_000_000,
                    votes * 1_000_000_000L / (shown - start),
                    tallyEvents,
                    toProjection.summary());
            assertThat(getJson("/api/motions/" + motion + "/tally").get("agree").asLong())
                    .isEqualTo(votes);
            assertThat(tallyEvents)
                    .as("one tally event per coalescing interval, not one per vote")
                    .isLessThan(votes / 4);
        }
    }

    @Test
    void liveClientsGetHeartbeatsAndAreDroppedQuietlyWhenTheyGoAway(CapturedOutput output) throws Exception {
        String congress = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        events.publish("Congress", congress, new CongressCreatedEvent(congress, "Short visit", Fraction.HALF));
        events.flush();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status("/api/congresses/" + congress + "/attendance") == 200);
        int before = dashboard.openStreams();

        LiveStream live = LiveStream.open(url("/api/congresses/" + congress + "/live"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !live.data("attendance").isEmpty()
                        && !live.data("heartbeat").isEmpty());
        assertThat(dashboard.openStreams()).isEqualTo(before + 1);
        live.close();
        int logLength = output.length();

        await().atMost(Duration.ofSeconds(10)).until(() -> dashboard.openStreams() == before);
        Thread.sleep(1_000);
        String afterwards = output.toString().substring(logLength);
        assertThat(afterwards).doesNotContain(" ERROR ", " WARN ", "Exception");
    }

    @Test
    void unknownIdsGetANotFoundProblemASecretaryUnderstands() throws Exception {
        Answer response = get("/api/motions/no-such-motion/tally");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("MOTION_NOT_FOUND");
        assertThat(problem.get("detail").asText()).contains("No motion with id 'no-such-motion' is known");

        assertThat(get("/api/motions/no-such-motion/votes").statusCode()).isEqualTo(404);
        assertThat(get("/api/congresses/no-such-congress/attendance").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/congresses/no-such-congress/motions").statusCode()).isEqualTo(404);
        Answer live = CongressApi.send(HttpRequest.newBuilder(URI.create(url("/api/congresses/no-such-congress/live")))
                .header("Accept", "text/event-stream")
                .build());
        assertThat(live.statusCode()).isEqualTo(404);
        assertThat(live.body()).contains("CONGRESS_NOT_FOUND");

        Answer tooLong = get("/api/motions/" + "x".repeat(300) + "/tally");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooLong.body()).get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(get("/api/no-such-endpoint").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIncludesMongoAndOpenApiDescribesTheEndpoints() throws Exception {
        JsonNode health = getJson("/actuator/health");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");

        JsonNode api = getJson("/v3/api-docs");
        assertThat(api.get("paths").has("/api/congresses/{congressId}/attendance"))
                .isTrue();
        assertThat(api.get("paths").has("/api/congresses/{congressId}/motions")).isTrue();
        assertThat(api.get("paths").has("/api/congresses/{congressId}/live")).isTrue();
        assertThat(api.get("paths").has("/api/motions/{motionId}/tally")).isTrue();
        assertThat(api.get("paths").has("/api/motions/{motionId}/votes")).isFalse();
        assertThat(api.get("paths").has("/api/congresses/{congressId}")).isTrue();
        assertThat(api.get("paths").has("/api/congresses/{congressId}/delegates"))
                .isTrue();
        assertThat(api.get("paths").has("/api/congresses/{congressId}/elections"))
                .isTrue();
        assertThat(api.get("paths").has("/api/elections/{electionId}")).isTrue();
        assertThat(api.get("paths").has("/api/elections/{electionId}/rounds/{round}/ballots"))
                .isTrue();
        assertThat(api.get("paths").has("/api/rounds/{roundId}/receipts/{code}"))
                .isTrue();
        assertThat(api.get("paths").has("/api/recount")).isTrue();
    }

    private void convene(String congress) throws Exception {
        events.publish(
                "Congress", congress, new CongressCreatedEvent(congress, "Congress " + congress, Fraction.TWO_THIRDS));
        for (int d = 0; d < DELEGATES; d++) {
            events.publish(
                    "Congress",
                    congress,
                    new DelegateRegisteredEvent(congress, delegate(d), "Delegate " + d, "Org " + (d % 7)));
        }
        for (int d = 0; d < DELEGATES; d++) {
            events.publish("Congress", congress, new DelegateCheckedInEvent(congress, delegate(d)));
        }
    }

    private static VoteCastEvent voteOf(String congress, String motion, String delegate, VoteChoice choice) {
        return new VoteCastEvent(VoteId.of(motion, delegate), motion, congress, delegate, choice, "req-" + delegate);
    }

    private static String delegate(int d) {
        return String.format("d%03d", d);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Answer get(String path) throws Exception {
        return new CongressApi(url("")).get(path);
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private JsonNode getJson(String path) throws Exception {
        Answer response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
