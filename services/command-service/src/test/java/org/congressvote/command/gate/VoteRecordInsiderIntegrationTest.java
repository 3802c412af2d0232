package org.congressvote.command.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.junit.jupiter.api.Test;

/**
 * The vote records (vote_record) behind the named votes and the close's count, and the audit log's index
 * (audit_index) behind its filters, on the real PostgreSQL. An insider with SQL edits, deletes or adds a record, or
 * edits an event and its record alike: the close refuses to count (409 LOG_NOT_INTACT) and names the vote. Each edit
 * is undone before the next.
 */
class VoteRecordInsiderIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namedVotesAreTheRecordsAndAnEditOfTheRecordsIsRefusedAtTheClose() throws Exception {
        String congress = "records-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 4);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        vote(congress, motion, "D001", "AGREE");
        vote(congress, motion, "D002", "AGREE");
        vote(congress, motion, "D003", "DISAGREE");

        JsonNode named = api().get("/api/motions/" + motion + "/votes");
        assertThat(named.get("votes"))
                .extracting(v ->
                        v.get("delegateId").asText() + " " + v.get("choice").asText())
                .containsExactly("D001 AGREE", "D002 AGREE", "D003 DISAGREE");
        assertThat(named.get("notVoted")).extracting(JsonNode::asText).containsExactly("D004");
        String storedAt = jdbc.queryForObject(
                "SELECT timestamp FROM domainevententry WHERE aggregateidentifier = ?",
                String.class,
                "vote:" + motion + ":D001");
        assertThat(named.get("votes").get(0).get("castAt").asText()).isEqualTo(storedAt);
        assertThat(api().send("GET", "/api/motions/no-such-motion/votes", null, api().admin())
                        .statusCode())
                .isEqualTo(404);
        awaitIntact();

        // 1. the DBA turns D001's recorded AGREE into DISAGREE: the console would show it, the close refuses it
        jdbc.update("UPDATE vote_record SET choice = 'DISAGREE' WHERE motion_id = ? AND delegate_id = 'D001'", motion);
        try {
            assertRefused(motion, "vote_record holds DISAGREE for D001, the event AGREE");
        } finally {
            jdbc.update("UPDATE vote_record SET choice = 'AGREE' WHERE motion_id = ? AND delegate_id = 'D001'", motion);
        }

        // 2. deletes D002's record: the vote would not have counted
        Map<String, Object> d002 =
                jdbc.queryForMap("SELECT * FROM vote_record WHERE motion_id = ? AND delegate_id = 'D002'", motion);
        jdbc.update("DELETE FROM vote_record WHERE motion_id = ? AND delegate_id = 'D002'", motion);
        try {
            assertRefused(motion, "a vote of D002 that vote_record does not hold");
        } finally {
            jdbc.update(
                    "INSERT INTO vote_record (motion_id, delegate_id, congress_id, choice, global_index, cast_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    d002.get("motion_id"),
                    d002.get("delegate_id"),
                    d002.get("congress_id"),
                    d002.get("choice"),
                    d002.get("global_index"),
                    d002.get("cast_at"));
        }

        // 3. adds a vote for D004, who never voted
        jdbc.update(
                "INSERT INTO vote_record (motion_id, delegate_id, congress_id, choice, global_index, cast_at) "
                        + "VALUES (?, 'D004', ?, 'AGREE', -7, ?)",
                motion,
                congress,
                storedAt);
        try {
            assertRefused(motion, "vote_record holds a vote (AGREE) that the log does not");
        } finally {
            jdbc.update("DELETE FROM vote_record WHERE motion_id = ? AND delegate_id = 'D004'", motion);
        }

        // 4. edits D003's event and its record alike: the record agrees with the event, the chain does not
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class,
                "vote:" + motion + ":D003");
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'DISAGREE', 'AGREE'), 'UTF8') WHERE aggregateidentifier = ?",
                "vote:" + motion + ":D003");
        jdbc.update("UPDATE vote_record SET choice = 'AGREE' WHERE motion_id = ? AND delegate_id = 'D003'", motion);
        try {
            assertRefused(motion, "differs from the one chained");
        } finally {
            jdbc.update(
                    "UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ?",
                    original,
                    "vote:" + motion + ":D003");
            jdbc.update(
                    "UPDATE vote_record SET choice = 'DISAGREE' WHERE motion_id = ? AND delegate_id = 'D003'", motion);
        }

        awaitIntact();
        api().post("/api/motions/" + motion + "/close", "");
        JsonNode closed = JSON.readTree(jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%MotionClosedEvent'",
                byte[].class, motion));
        assertThat(closed.get("agree").asLong()).isEqualTo(2);
        assertThat(closed.get("disagree").asLong()).isEqualTo(1);
        assertThat(closed.get("abstain").asLong()).isZero();
    }

    @Test
    void theAuditLogsFiltersFindTheEventsOfACongressMotionAndDelegate() throws Exception {
        String congress = "index-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 3);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Chỉ mục\"}");
        api().post("/api/motions/" + motion + "/open", "");
        vote(congress, motion, "D001", "AGREE");
        vote(congress, motion, "D002", "ABSTAIN");

        List<Long> ofCongress = jdbc.queryForList(
                "SELECT globalindex FROM domainevententry WHERE globalindex > 0 AND (aggregateidentifier IN (?, ?) "
                        + "OR aggregateidentifier LIKE ?) ORDER BY globalindex",
                Long.class,
                congress,
                motion,
                "vote:" + motion + ":%");
        assertThat(positions("congress=" + congress)).isEqualTo(ofCongress);

        assertThat(types("motion=" + motion))
                .containsExactly("MotionCreatedEvent", "MotionOpenedEvent", "VoteCastEvent", "VoteCastEvent");
        assertThat(types("congress=" + congress + "&delegate=D002"))
                .containsExactly(
                        "DelegateRegisteredEvent",
                        "CredentialsAcceptedEvent",
                        "DelegateCheckedInEvent",
                        "VoteCastEvent");
        JsonNode one = api().get("/api/audit/events?motion=" + motion + "&delegate=D002");
        assertThat(one.get("events")).hasSize(1);
        assertThat(one.get("events").get(0).get("aggregateId").asText()).isEqualTo("vote:" + motion + ":D002");
        assertThat(one.get("events").get(0).get("data").get("choice").asText()).isEqualTo("ABSTAIN");
        assertThat(types("congress=" + congress + "&delegate=D002&type=VoteCastEvent"))
                .containsExactly("VoteCastEvent");

        // pages through the index: two at a time, in order, nothing lost or repeated
        JsonNode first = api().get("/api/audit/events?congress=" + congress + "&limit=2");
        JsonNode second = api().get("/api/audit/events?congress=" + congress + "&limit=2&after="
                + first.get("next").asLong());
        assertThat(List.of(
                        first.get("events").get(0).get("position").asLong(),
                        first.get("events").get(1).get("position").asLong(),
                        second.get("events").get(0).get("position").asLong(),
                        second.get("events").get(1).get("position").asLong()))
                .isEqualTo(ofCongress.subList(0, 4));
    }

    private List<Long> positions(String query) throws Exception {
        return events(query).stream().map(e -> e.get("position").asLong()).toList();
    }

    private List<String> types(String query) throws Exception {
        return events(query).stream().map(e -> e.get("type").asText()).toList();
    }

    private List<JsonNode> events(String query) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        api().get("/api/audit/events?limit=1000&" + query).get("events").forEach(events::add);
        return events;
    }

    private void vote(String congress, String motion, String delegate, String choice) throws Exception {
        var r = api().asDelegate(
                        congress, delegate, "/api/motions/" + motion + "/votes", "{\"choice\":\"" + choice + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private void assertRefused(String motion, String reason) throws Exception {
        var close = api().send("POST", "/api/motions/" + motion + "/close", "", api().admin());
        assertThat(close.statusCode()).as(close.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(close.body());
        assertThat(problem.get("code").asText()).isEqualTo("LOG_NOT_INTACT");
        assertThat(problem.get("detail").asText()).contains(reason);
        assertThat(jdbc.queryForObject("SELECT status FROM motion_gate WHERE motion_id = ?", String.class, motion))
                .isEqualTo("OPEN");
    }

    private void awaitIntact() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode v = api().get("/api/audit/verify");
            assertThat(v.get("intact").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("unchainedEvents").asLong()).isZero();
        });
    }
}
