package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.congressvote.infra.RealServers;
import org.congressvote.query.congress.CongressProjection;
import org.congressvote.query.store.Keys;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.query.support.CongressScenario;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A congress, its open votes and a secret-ballot election in rounds, published as the command side publishes them and
 * read over HTTP as the pages read them; then the recount: replayed from the topic into fresh views, it finds them
 * equal to the live ones, and after one live document is altered directly in MongoDB it finds exactly that field.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RecountIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RecountIntegrationTest.class);
    private static final String DATABASE = "recount-it";
    private static final int OFFICIALS = 60;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/" + DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theViewsShowTheCongressItsVotesAndItsElectionAndARecountFindsThemExact() throws Exception {
        String congress = "rc-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> receipts = new ArrayList<>();
        try (CommandSideEvents events = new CommandSideEvents(RealServers.kafkaBootstrap(), RealServers.TOPIC)) {
            CongressScenario scenario = new CongressScenario(events, congress, OFFICIALS, 4);
            scenario.convene();
            String motion = scenario.motion("agenda");
            long[] counts = new long[3];
            for (int d = 1; d < OFFICIALS - 2; d++) {
                counts[scenario.vote(motion, d).ordinal()]++;
            }
            scenario.vote(motion, 5);
            scenario.close(motion, counts[0], counts[1], counts[2]);
            String open = scenario.motion("open");
            scenario.vote(open, 1);
            String election = scenario.electionWithOpenRound("bch", 40);
            for (int b = 0; b < 40; b++) {
                receipts.add(sha256(receiptCode(b)));
            }
            // While open: turnout only, no ballots, no receipt answers.
            events.flush();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> getJson("/api/elections/" + election)
                                    .at("/rounds/0/turnout")
                                    .asLong()
                            == 40);
            JsonNode openRound = getJson("/api/elections/" + election).at("/rounds/0");
            assertThat(openRound.get("status").asText()).isEqualTo("OPEN");
            assertThat(openRound.get("result").isNull()).isTrue();
            assertThat(problem("/api/elections/" + election + "/rounds/1/ballots")
                            .get("code")
                            .asText())
                    .isEqualTo("ROUND_NOT_CLOSED");
            assertThat(problem("/api/rounds/" + election + "-r1/receipts/" + receiptCode(3))
                            .get("code")
                            .asText())
                    .isEqualTo("ROUND_NOT_CLOSED");

            scenario.closeFirstRound(election, 40, receipts);
            events.flush();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> getJson("/api/elections/" + election)
                                    .at("/rounds/0/status")
                                    .asText()
                                    .equals("CLOSED")
                            && getJson("/api/motions/" + motion + "/tally")
                                    .get("status")
                                    .asText()
                                    .equals("CLOSED")
                            && getJson("/api/motions/" + open + "/tally")
                                            .get("voted")
                                            .asLong()
                                    == 1
                            && getJson("/api/congresses/" + congress)
                                            .at("/attendance/present")
                                            .asLong()
                                    == scenario.present());

            JsonNode summary = getJson("/api/congresses/" + congress);
            assertThat(summary.get("status").asText()).isEqualTo("IN_SESSION");
            assertThat(summary.get("organisations").asInt()).isEqualTo(2);
            assertThat(summary.get("members").asLong()).isEqualTo(200);
            assertThat(summary.at("/attendance/summoned").asLong()).isEqualTo(OFFICIALS);
            assertThat(summary.at("/attendance/present").asLong()).isEqualTo(scenario.present());
            assertThat(summary.at("/attendance/quorumRequired").asLong()).isEqualTo(40);
            JsonNode roster =
                    getJson("/api/congresses/" + congress + "/delegates").get("delegates");
            assertThat(roster).hasSize(OFFICIALS + 4);
            assertThat(roster.get(OFFICIALS - 1).get("credentials").asText()).isEqualTo("REJECTED");
            assertThat(roster.get(OFFICIALS - 1).get("replacedBy").asText()).isEqualTo(CongressScenario.alternate(1));
            assertThat(roster.toString()).doesNotContain("not elected below", "abroad");

            JsonNode tally = getJson("/api/motions/" + motion + "/tally");
            assertThat(tally.get("agree").asLong()).isEqualTo(counts[0]);
            assertThat(tally.at("/result/threshold").asLong()).isEqualTo(OFFICIALS / 2 + 1);
            assertThat(tally.at("/result/base").asText()).isEqualTo("SUMMONED");

            JsonNode round = getJson("/api/elections/" + election).at("/rounds/0");
            assertThat(round.at("/result/valid").asLong()).isEqualTo(32);
            assertThat(round.at("/result/invalid").asLong()).isEqualTo(8);
            JsonNode ballots =
                    getJson("/api/elections/" + election + "/rounds/1/ballots").get("ballots");
            assertThat(ballots).hasSize(40);
            JsonNode receipt = getJson("/api/rounds/" + election + "-r1/receipts/"
                    + receiptCode(4).toLowerCase().replace("-", "%20"));
            assertThat(receipt.get("found").asBoolean()).isTrue();
            assertThat(receipt.at("/ballot/valid").asBoolean()).isFalse();
            assertThat(receipt.at("/ballot/kept")).hasSize(3);
            assertThat(getJson("/api/rounds/" + election + "-r1/receipts/ZZZZ-ZZZZ-ZZZZ")
                            .get("found")
                            .asBoolean())
                    .isFalse();
        }

        JsonNode clean = recount();
        log.info(
                "Recount of the topic: {} events in {} ms ({} events/s), {} views compared",
                clean.get("eventsReplayed"),
                clean.get("durationMs"),
                clean.get("eventsPerSecond"),
                clean.get("viewsCompared"));
        assertThat(clean.get("differences")).as(clean.toString()).isEmpty();
        assertThat(clean.get("anomalies")).isEmpty();
        assertThat(clean.get("liveCaughtUp").asBoolean()).isTrue();
        assertThat(clean.get("eventsReplayed").asLong()).isGreaterThan(OFFICIALS * 3L);
        List<String> databases = new ArrayList<>();
        mongo.listDatabaseNames().forEach(databases::add);
        assertThat(databases)
                .as("the recount drops its database")
                .doesNotContain(clean.get("database").asText());

        // Someone alters the live view behind the projections' back: delegate 7 no longer shown as present.
        MongoDatabase live = mongo.getDatabase(DATABASE);
        live.getCollection(CongressProjection.CONGRESSES)
                .updateOne(
                        Filters.eq("_id", congress),
                        Updates.set(
                                CongressProjection.DELEGATES + "." + Keys.field(CongressScenario.official(7)) + ".p",
                                false));

        JsonNode differences = recount().get("differences");
        assertThat(differences).hasSize(1);
        JsonNode difference = differences.get(0);
        assertThat(difference.get("view").asText()).isEqualTo("delegate");
        assertThat(difference.get("id").asText()).isEqualTo(congress + "/" + CongressScenario.official(7));
        assertThat(difference.get("field").asText()).isEqualTo("present");
        assertThat(difference.get("live").asBoolean()).isFalse();
        assertThat(difference.get("recount").asBoolean()).isTrue();
    }

    private static String receiptCode(int b) {
        String digits = String.format("%012d", b).replace('0', 'A').replace('1', 'B');
        return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode recount() throws Exception {
        Answer response = CongressApi.send(HttpRequest.newBuilder(URI.create(url("/api/recount")))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(2))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Answer get(String path) throws Exception {
        return new CongressApi(url("")).get(path);
    }

    private JsonNode problem(String path) throws Exception {
        Answer response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(409);
        return json.readTree(response.body());
    }

    private JsonNode getJson(String path) throws Exception {
        Answer response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
