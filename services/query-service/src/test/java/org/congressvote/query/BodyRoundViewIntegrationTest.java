package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.infra.RealServers;
import org.congressvote.query.support.CommandSideEvents;
import org.congressvote.testsupport.Answer;
import org.congressvote.testsupport.CongressApi;
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
 * The query side's view of a body's own round and of a delegation's alternates, on a real Kafka broker and
 * MongoDB-wire server, fed as the command side publishes: a committee's first plenum elects its standing committee on
 * the members' base (5 summoned, 4 present, more than half is 3), and the congress its delegation with two alternates.
 * The projector and the console read exactly these answers.
 */
@ExtendWith(RealServers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BodyRoundViewIntegrationTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static CommandSideEvents events;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.bootstrap-servers", RealServers::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", () -> RealServers.mongoUri() + "/query-bodies-it");
    }

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
    void aPlenumRoundShowsItsBodysBaseAndADelegationItsAlternatesInRankOrder() throws Exception {
        String c = "bodies-" + UUID.randomUUID().toString().substring(0, 8);
        events.publish("Congress", c, new CongressCreatedEvent(c, "Đại hội " + c, Fraction.TWO_THIRDS));
        for (int d = 0; d < 7; d++) {
            events.publish("Congress", c, new DelegateRegisteredEvent(c, id(d), "Đại biểu " + d, "Chi bộ " + d));
            events.publish("Congress", c, new DelegateCheckedInEvent(c, id(d)));
        }

        // the executive committee: 5 elected by the congress's 7
        String bch = c + "-bch";
        events.publish("Election", bch, new ElectionCreatedEvent(bch, c, "Bầu Ban Chấp hành", 5, CHARTER));
        List<Candidate> committee = List.of(cand(0), cand(1), cand(2), cand(3), cand(4));
        round(bch, c, 5, committee, 0);
        events.publish(
                "Election",
                bch,
                new RoundClosedEvent(
                        bch,
                        c,
                        bch + "-r1",
                        1,
                        5,
                        CHARTER,
                        7,
                        7,
                        7,
                        7,
                        7,
                        0,
                        7,
                        4,
                        committee.stream()
                                .map(k -> new CandidateResult(k.candidateId(), k.fullName(), 7, true, true))
                                .toList(),
                        committee.stream().map(Candidate::candidateId).toList(),
                        List.of(),
                        0,
                        List.of()));

        // the first plenum: the standing committee elected by the committee's members only
        String btv = c + "-btv";
        events.publish(
                "Election",
                btv,
                new ElectionCreatedEvent(
                        btv,
                        c,
                        "Bầu Ban Thường vụ",
                        2,
                        CHARTER,
                        ElectionProcedure.LIST_GIVEN,
                        0,
                        bch,
                        "Ban Chấp hành",
                        null,
                        null));
        round(btv, c, 2, List.of(cand(0), cand(1), cand(2)), 0);
        events.publish(
                "Election",
                btv,
                new RoundClosedEvent(
                        btv,
                        c,
                        btv + "-r1",
                        1,
                        2,
                        CHARTER,
                        5,
                        4,
                        4,
                        4,
                        4,
                        0,
                        5,
                        3,
                        List.of(
                                new CandidateResult(id(0), "Đại biểu 0", 3, true, true),
                                new CandidateResult(id(1), "Đại biểu 1", 3, true, true),
                                new CandidateResult(id(2), "Đại biểu 2", 1, false, false)),
                        List.of(id(0), id(1)),
                        List.of(),
                        0,
                        List.of(),
                        0,
                        List.of(),
                        1,
                        0,
                        0,
                        bch,
                        "Ban Chấp hành"));

        // the delegation: 2 delegates and 2 alternates on one ballot, ranked by votes
        String dbtp = c + "-dbtp";
        events.publish(
                "Election",
                dbtp,
                new ElectionCreatedEvent(
                        dbtp,
                        c,
                        "Bầu Đoàn đại biểu dự Đại hội thành phố",
                        2,
                        CHARTER,
                        ElectionProcedure.SEATS_ALLOCATED,
                        2,
                        null,
                        null,
                        null,
                        null));
        round(dbtp, c, 2, List.of(cand(0), cand(1), cand(2), cand(3), cand(4)), 2);
        events.publish(
                "Election",
                dbtp,
                new RoundClosedEvent(
                        dbtp,
                        c,
                        dbtp + "-r1",
                        1,
                        2,
                        CHARTER,
                        7,
                        7,
                        7,
                        7,
                        7,
                        0,
                        7,
                        4,
                        List.of(
                                new CandidateResult(id(0), "Đại biểu 0", 7, true, true, 0),
                                new CandidateResult(id(1), "Đại biểu 1", 6, true, true, 0),
                                new CandidateResult(id(2), "Đại biểu 2", 5, true, false, 1),
                                new CandidateResult(id(3), "Đại biểu 3", 4, true, false, 2),
                                new CandidateResult(id(4), "Đại biểu 4", 1, false, false, 0)),
                        List.of(id(0), id(1)),
                        List.of(),
                        0,
                        List.of(),
                        2,
                        List.of(id(2), id(3)),
                        1,
                        0,
                        0,
                        null,
                        null));
        events.flush();

        JsonNode standing = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> closedRound(btv), r -> r != null);
        JsonNode plenum = getJson("/api/elections/" + btv);
        assertThat(plenum.get("electorateElectionId").asText()).isEqualTo(bch);
        assertThat(plenum.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
        JsonNode result = standing.get("result");
        assertThat(result.get("summoned").asLong())
                .as("the committee's members, not the congress's 7")
                .isEqualTo(5);
        assertThat(result.get("present").asLong()).isEqualTo(4);
        assertThat(result.get("baseCount").asLong()).isEqualTo(5);
        assertThat(result.get("threshold").asLong()).isEqualTo(3);
        assertThat(result.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
        assertThat(result.get("baseText").asText()).isEqualTo("5 ủy viên Ban Chấp hành triệu tập, quá nửa là 3");
        assertThat(result.get("elected")).extracting(JsonNode::asText).containsExactlyInAnyOrder(id(0), id(1));

        JsonNode delegationRound = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> closedRound(dbtp), r -> r != null);
        JsonNode delegationResult = delegationRound.get("result");
        assertThat(delegationResult.get("electorateTitle").isNull()).isTrue();
        assertThat(delegationResult.get("baseText").asText()).isEqualTo("7 đại biểu triệu tập, quá nửa là 4");
        assertThat(delegationResult.get("alternates"))
                .extracting(
                        a -> a.get("rank").asInt() + ". " + a.get("fullName").asText())
                .containsExactly("1. Đại biểu 2", "2. Đại biểu 3");
        JsonNode delegation = getJson("/api/elections/" + dbtp);
        assertThat(delegation.get("alternateSeats").asInt()).isEqualTo(2);
        assertThat(delegation.get("alternates"))
                .extracting(
                        a -> a.get("rank").asInt() + ". " + a.get("candidateId").asText())
                .containsExactly("1. " + id(2), "2. " + id(3));

        // the congress's list of elections, as the console and the projector load it, carries the same
        JsonNode all = getJson("/api/congresses/" + c + "/elections");
        JsonNode listed = null;
        for (JsonNode e : all) {
            if (e.get("electionId").asText().equals(btv)) {
                listed = e;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
        assertThat(listed.at("/rounds/0/result/threshold").asLong()).isEqualTo(3);
    }

    private void round(String election, String c, int seats, List<Candidate> candidates, int alternateSeats) {
        events.publish(
                "Election",
                election,
                new RoundStartedEvent(election, c, election + "-r1", 1, seats, candidates, null, alternateSeats));
        events.publish("Election", election, new RoundOpenedEvent(election, c, election + "-r1", 1));
    }

    private JsonNode closedRound(String election) throws Exception {
        Answer answer = new CongressApi("http://127.0.0.1:" + port).get("/api/elections/" + election);
        if (answer.statusCode() != 200) {
            return null;
        }
        JsonNode round = json.readTree(answer.body()).at("/rounds/0");
        return "CLOSED".equals(round.path("status").asText()) ? round : null;
    }

    private JsonNode getJson(String path) throws Exception {
        Answer response = new CongressApi("http://127.0.0.1:" + port).get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String id(int d) {
        return String.format("d%03d", d);
    }

    private static Candidate cand(int d) {
        return new Candidate(id(d), "Đại biểu " + d);
    }
}
