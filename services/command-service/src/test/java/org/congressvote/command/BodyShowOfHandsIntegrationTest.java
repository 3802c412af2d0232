package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, a body's own show of hands, through the API on the real servers: the congress elects its executive
 * committee of 33; at its first plenum the committee's members, and only they, vote by show of hands on the standing
 * committee's seats and list (on their own base: 33 members, more than half is 17); the standing committee's round
 * opens on the list the plenum approved.
 */
class BodyShowOfHandsIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELEGATES = 40; // D001..D033 are elected to the committee; D034..D040 are not

    @Test
    void theCommitteesPlenumDecidesTheStandingCommitteesSeatsAndListByItsOwnShowOfHands() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi api = api();
        api.convene(congress, DELEGATES);

        // The executive committee, 33 seats; its plenum's motion cannot open before it has members.
        String bch = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + bch + "\",\"title\":\"Bầu Ban Chấp hành\",\"seats\":33}");
        String rules = congress + "-qc";
        api.post(
                "/api/congresses/" + congress + "/motions",
                "{\"motionId\":\"" + rules + "\",\"title\":\"Quy chế làm việc của Ban Chấp hành\","
                        + "\"electorateElectionId\":\"" + bch + "\"}");
        refused("/api/motions/" + rules + "/open", "", 409, "BODY_NOT_ELECTED");
        refused(
                "/api/congresses/" + congress + "/motions",
                "{\"title\":\"Quy chế\",\"electorateElectionId\":\"nope\"}",
                404,
                "BODY_NOT_FOUND");

        List<String> committee =
                IntStream.rangeClosed(1, 33).mapToObj(TestApi::delegateId).toList();
        List<String> candidates = new ArrayList<>();
        committee.forEach(id -> candidates.add("{\"candidateId\":\"" + id + "\",\"fullName\":\"Đại biểu "
                + Integer.parseInt(id.substring(1)) + "\"}"));
        api.post("/api/elections/" + bch + "/rounds", "{\"candidates\":[" + String.join(",", candidates) + "]}");
        api.post("/api/elections/" + bch + "/open", "");
        for (int d = 1; d <= 21; d++) { // 21 of 40: more than half
            Answer cast = api.asDelegate(
                    congress,
                    TestApi.delegateId(d),
                    "/api/rounds/" + bch + "-r1/ballots",
                    "{\"kept\":["
                            + String.join(
                                    ",",
                                    committee.stream()
                                            .map(id -> "\"" + id + "\"")
                                            .toList()) + "]}");
            assertThat(cast.statusCode()).as(cast.body()).isEqualTo(201);
        }
        api.post("/api/elections/" + bch + "/close", "");

        // The plenum elects the standing committee; its seats and list are the plenum's to vote.
        String btv = congress + "-btv";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + btv + "\",\"title\":\"Bầu Ban Thường vụ\",\"seats\":0,"
                        + "\"procedure\":\"SEATS_VOTED\",\"electorateElectionId\":\"" + bch + "\"}");
        for (int d = 1; d <= 5; d++) {
            api.post(
                    "/api/elections/" + btv + "/nominations",
                    "{\"candidateId\":\"" + TestApi.delegateId(d) + "\",\"fullName\":\"Đại biểu " + d
                            + "\",\"kind\":\"PRESIDIUM\"}");
        }
        String seats = api.post("/api/elections/" + btv + "/seats", "{\"seats\":4,\"surplus\":1}")
                .get("motionId")
                .asText();
        assertThat(created(seats).get("electorateElectionId").asText())
                .as("the motion deciding a body's election is the body's")
                .isEqualTo(bch);
        api.post("/api/motions/" + seats + "/open", "");

        JsonNode outsider = phone(congress, "D040");
        assertThat(outsider.get("openVotes"))
                .as("a non-member's phone offers no plenum motion")
                .isEmpty();
        assertThat(phone(congress, "D001").get("openVotes"))
                .extracting(v -> v.get("id").asText())
                .containsExactly(seats);
        long before = events();
        Answer refusedVote =
                api.asDelegate(congress, "D040", "/api/motions/" + seats + "/votes", "{\"choice\":\"AGREE\"}");
        assertThat(refusedVote.statusCode()).as(refusedVote.body()).isEqualTo(403);
        assertThat(refusedVote.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refusedVote.body());
        assertThat(problem.get("code").asText()).isEqualTo("NOT_IN_ELECTORATE");
        assertThat(problem.get("detail").asText()).contains("D040 is not one of them");
        assertThat(events()).as("a refused vote stores nothing").isEqualTo(before);
        assertThat(api.get("/api/motions/" + seats + "/votes").get("notVoted"))
                .as("those who have not voted yet are the members present")
                .hasSize(33);

        vote(congress, seats, 1, 17, "AGREE");
        vote(congress, seats, 18, 20, "DISAGREE");
        api.post("/api/motions/" + seats + "/close", "");
        JsonNode seatsClosed = closed(seats);
        assertThat(seatsClosed.get("summoned").asLong()).isEqualTo(33);
        assertThat(seatsClosed.get("present").asLong()).isEqualTo(33);
        assertThat(seatsClosed.get("baseCount").asLong()).isEqualTo(33);
        assertThat(seatsClosed.get("threshold").asLong()).isEqualTo(17);
        assertThat(seatsClosed.get("adopted").asBoolean())
                .as("17 of 33 members")
                .isTrue();
        assertThat(seatsClosed.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");

        // 16 of 33 members do not approve a list, though they are most of those who voted.
        String list = "{\"candidateIds\":[\"D001\",\"D002\",\"D003\",\"D004\",\"D005\"]}";
        String firstList = api.post("/api/elections/" + btv + "/list", list)
                .get("motionId")
                .asText();
        api.post("/api/motions/" + firstList + "/open", "");
        vote(congress, firstList, 1, 16, "AGREE");
        vote(congress, firstList, 17, 20, "DISAGREE");
        api.post("/api/motions/" + firstList + "/close", "");
        assertThat(closed(firstList).get("adopted").asBoolean()).isFalse();
        refused("/api/elections/" + btv + "/rounds", "{}", 409, "LIST_NOT_APPROVED");

        String approved = api.post("/api/elections/" + btv + "/list", list)
                .get("motionId")
                .asText();
        api.post("/api/motions/" + approved + "/open", "");
        vote(congress, approved, 1, 17, "AGREE");
        api.post("/api/motions/" + approved + "/close", "");
        assertThat(closed(approved).get("adopted").asBoolean()).isTrue();

        // The standing committee's round opens on the list the plenum approved, for its members only.
        api.post("/api/elections/" + btv + "/rounds", "{}");
        api.post("/api/elections/" + btv + "/open", "");
        JsonNode round = phone(congress, "D001").get("openVotes").get(0);
        assertThat(round.get("id").asText()).isEqualTo(btv + "-r1");
        assertThat(round.get("seats").asInt()).isEqualTo(4);
        assertThat(round.get("candidates"))
                .extracting(c -> c.get("candidateId").asText())
                .containsExactly("D001", "D002", "D003", "D004", "D005");

        // The plenum's own motion, once the committee has members; its minutes say whose base.
        api.post("/api/motions/" + rules + "/open", "");
        vote(congress, rules, 1, 17, "AGREE");
        api.post("/api/motions/" + rules + "/close", "");
        JsonNode minutes = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Answer m = api.send("GET", "/api/minutes/motions/" + seats, null, api.admin());
                            return m.statusCode() == 200 ? m.json() : null;
                        },
                        m -> m != null);
        assertThat(minutes.get("baseText").asText()).isEqualTo("33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17");
        assertThat(minutes.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
    }

    private void vote(String congress, String motion, int from, int to, String choice) throws Exception {
        for (int d = from; d <= to; d++) {
            Answer vote = api().asDelegate(
                            congress,
                            TestApi.delegateId(d),
                            "/api/motions/" + motion + "/votes",
                            "{\"choice\":\"" + choice + "\"}");
            assertThat(vote.statusCode()).as(vote.body()).isEqualTo(201);
        }
    }

    private JsonNode phone(String congress, String delegate) throws Exception {
        return JSON.readTree(api().send("GET", "/api/delegate/me", null, api().tokenOf(congress, delegate))
                .body());
    }

    private JsonNode created(String motion) throws Exception {
        return stored(motion, "MotionCreatedEvent");
    }

    private JsonNode closed(String motion) throws Exception {
        return stored(motion, "MotionClosedEvent");
    }

    /** The motion's event as stored: the legal record the views and the minutes are made from. */
    private JsonNode stored(String motion, String type) throws Exception {
        List<String> payloads = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE ?",
                String.class,
                motion,
                "%." + type);
        assertThat(payloads).as(type + " of " + motion).hasSize(1);
        return JSON.readTree(payloads.get(0));
    }

    private void refused(String path, String json, int status, String code) throws Exception {
        long before = events();
        Answer response = api().send("POST", path, json, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo(code);
        assertThat(events()).as("a refusal stores nothing").isEqualTo(before);
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }
}
