package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.infra.RealServers;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.congressvote.testsupport.LiveStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A congress whose events cannot be applied (a gap in its sequence, a record whose payload cannot be read) holds up
 * its own views only: another congress's votes still reach its tally and its live stream within a second, health
 * stays UP and lists what is parked, and an operator can retry and drop it.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"congress.live.coalesce=20ms", "congress.operator.token=op-secret"})
@DirtiesContext
class ParkedEventsIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/parked-it");
    }

    private static CommandSideEvents events;

    @LocalServerPort
    int port;

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
    void aPoisonEventInOneCongressLeavesTheOthersMovingAndWaitsForAnOperator() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String gap = "gap-" + suffix;
        String unreadable = "bad-" + suffix;
        String other = "ok-" + suffix;
        String motion = other + "-m1";

        // Congress "gap": its events 1 and 2 never reach the topic. Congress "bad": its second record is unreadable.
        events.publishAt("Congress", gap, 0, new CongressCreatedEvent(gap, "Gap", Fraction.HALF));
        events.publishAt("Congress", gap, 3, new DelegateRegisteredEvent(gap, "d001", "One", "Org"));
        events.publishAt("Congress", gap, 4, new DelegateCheckedInEvent(gap, "d001"));
        events.publishAt("Congress", unreadable, 0, new CongressCreatedEvent(unreadable, "Bad", Fraction.HALF));
        events.publishUnreadable(
                "Congress", unreadable, 1, new DelegateRegisteredEvent(unreadable, "d001", "One", "Org"));
        events.publishAt("Congress", other, 0, new CongressCreatedEvent(other, "Other", Fraction.HALF));
        events.publishAt("Motion", motion, 0, new MotionCreatedEvent(motion, other, "Adopt the agenda"));
        events.publishAt("Motion", motion, 1, new MotionOpenedEvent(motion, other));
        events.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/motions/" + motion + "/tally") == 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> parkedIn(health(), gap) == 2 && parkedIn(health(), unreadable) == 1);
        JsonNode health = health();
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");

        try (LiveStream live = LiveStream.open(url("/api/congresses/" + other + "/live"))) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !live.data("tally").isEmpty());
            for (int d = 0; d < 3; d++) {
                VoteCastEvent vote = new VoteCastEvent(
                        VoteId.of(motion, "d00" + d), motion, other, "d00" + d, VoteChoice.AGREE, "req-" + d);
                events.publish("Vote", vote.voteId(), vote);
            }
            events.flush();
            long sent = System.nanoTime();
            await().atMost(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> getJson("/api/motions/" + motion + "/tally")
                                            .get("voted")
                                            .asLong()
                                    == 3
                            && live.data("tally").stream().anyMatch(t -> t.contains("\"voted\":3")));
            assertThat(System.nanoTime() - sent)
                    .isLessThan(Duration.ofSeconds(1).toNanos());
        }
        assertThat(status("/api/congresses/" + gap)).isEqualTo(200);
        assertThat(getJson("/api/congresses/" + gap).get("members").asLong()).isZero();

        JsonNode parked = getJson("/api/parked");
        JsonNode gapParked = sequence(parked, gap);
        assertThat(gapParked.get("parked").asLong()).isEqualTo(2);
        assertThat(gapParked.at("/events/0/aggregateSequence").asLong()).isEqualTo(3);
        assertThat(gapParked.at("/events/0/cause").asText()).contains("OutOfSequence");
        assertThat(gapParked.at("/events/1/cause").isNull())
                .as("waits behind the first")
                .isTrue();
        assertThat(sequence(parked, unreadable)
                        .at("/events/0/aggregateSequence")
                        .asLong())
                .isEqualTo(1);

        // A retry applies nothing while the gap is still there; the events stay parked, in order.
        JsonNode retried = postJson("/api/parked/" + gap + "/retry", null, null, 200);
        assertThat(retried.get("applied").asLong()).isZero();
        assertThat(retried.get("stillParked").asLong()).isEqualTo(2);

        Answer refused = post("/api/parked/" + gap + "/drop", "{\"reason\":\"test\"}", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).get("code").asText()).isEqualTo("OPERATOR_ONLY");

        assertThat(postJson(
                                "/api/parked/" + gap + "/drop",
                                "{\"reason\":\"events 1-2 lost by the publisher\"}",
                                "op-secret",
                                200)
                        .get("dropped")
                        .asLong())
                .isEqualTo(2);
        postJson("/api/parked/" + unreadable + "/drop", "{\"reason\":\"unreadable record\"}", "op-secret", 200);
        assertThat(getJson("/api/parked")).isEmpty();
        assertThat(health().at("/components/eventProcessors/details/parked/events")
                        .asLong())
                .isZero();
        assertThat(post("/api/parked/" + gap + "/retry", null, null).statusCode())
                .isEqualTo(404);
    }

    private JsonNode health() throws Exception {
        return json.readTree(get("/actuator/health").body());
    }

    private static long parkedIn(JsonNode health, String sequence) {
        for (JsonNode item : health.at("/components/eventProcessors/details/parked/items")) {
            if (item.get("sequence").asText().equals(sequence)) {
                return item.get("parked").asLong();
            }
        }
        return 0;
    }

    private static JsonNode sequence(JsonNode parked, String sequence) {
        for (JsonNode item : parked) {
            if (item.get("sequence").asText().equals(sequence)) {
                return item;
            }
        }
        throw new AssertionError(sequence + " is not parked: " + parked);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Answer get(String path) throws Exception {
        return new CongressApi(url("")).get(path);
    }

    private Answer post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("X-Operator-Token", token);
        }
        return CongressApi.send(request.build());
    }

    private JsonNode postJson(String path, String body, String token, int status) throws Exception {
        Answer response = post(path, body, token);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
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
