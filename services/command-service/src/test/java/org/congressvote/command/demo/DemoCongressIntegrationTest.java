package org.congressvote.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The seed article's congress, loaded by --demo, voting at the charter's boundary (122 of 245 fails, 123 passes), and
 * its agenda run as the hall would, to the executive committee's election on the list the congress approved.
 */
@TestPropertySource(
        properties = {
            "congress.demo.enabled=true",
            "congress.demo.cards-file=target/demo-cards.csv",
            "congress.counting.demo-committee=true"
        })
class DemoCongressIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSeedCongressIsLoadedAndDecidesByMoreThanHalfOfThe245Summoned() throws Exception {
        JsonNode created = JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = 'cantho-7' AND sequencenumber = 0",
                String.class));
        assertThat(created.get("name").asText())
                .contains("Cần Thơ")
                .contains("lần thứ VII")
                .contains("2015 - 2020");
        assertThat(created.get("organisations")).hasSize(95);
        int members = 0;
        for (JsonNode org : created.get("organisations")) {
            members += org.get("members").asInt();
        }
        assertThat(members).isEqualTo(5008);
        assertThat(count("cantho-7", "DelegateCheckedInEvent")).isEqualTo(245);
        assertThat(count("cantho-7", "DelegateRegisteredEvent")).isEqualTo(251);
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                                + "aggregateidentifier = 'nghi-quyet'",
                        String.class))
                .contains("1.200 đảng viên")
                .contains("98%");
        // the committee: the presidium's 37 names and its proposal of 33 seats and a surplus of 4, put to the congress
        List<JsonNode> nominees = payloads("bch-khoa-7", "CandidateNominatedEvent");
        assertThat(nominees)
                .hasSize(37)
                .allSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("PRESIDIUM"));
        JsonNode seatsProposed = payloads("bch-khoa-7", "SeatsProposedEvent").get(0);
        assertThat(seatsProposed.get("seats").asInt()).isEqualTo(33);
        assertThat(seatsProposed.get("surplus").asInt()).isEqualTo(4);
        assertThat(count("bch-khoa-7", "RoundStartedEvent")).isZero();
        // AGENDA 9: the delegation, its seats and alternates allocated, the presidium's 28 names, the surplus proposed
        JsonNode delegation =
                payloads("doan-dai-bieu-thanh-pho", "ElectionCreatedEvent").get(0);
        assertThat(delegation.get("procedure").asText()).isEqualTo("SEATS_ALLOCATED");
        assertThat(delegation.get("seats").asInt()).isEqualTo(20);
        assertThat(delegation.get("alternateSeats").asInt()).isEqualTo(3);
        assertThat(payloads("doan-dai-bieu-thanh-pho", "CandidateNominatedEvent"))
                .hasSize(28)
                .allSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("PRESIDIUM"));
        JsonNode surplus =
                payloads("doan-dai-bieu-thanh-pho", "SeatsProposedEvent").get(0);
        assertThat(surplus.get("surplus").asInt()).isEqualTo(5);
        assertThat(count("doan-dai-bieu-thanh-pho-so-du", "MotionCreatedEvent")).isEqualTo(1);
        // AGENDA 10: the first plenum's elections, the committee their electorate, eligibility from earlier results
        Map<String, JsonNode> plenum = new HashMap<>();
        for (String e :
                List.of("btv-khoa-7", "bi-thu-khoa-7", "pho-bi-thu-khoa-7", "ubkt-khoa-7", "chu-nhiem-ubkt-khoa-7")) {
            JsonNode created1 = payloads(e, "ElectionCreatedEvent").get(0);
            assertThat(created1.get("electorateElectionId").asText()).as(e).isEqualTo("bch-khoa-7");
            assertThat(count(e, "RoundStartedEvent")).as(e).isZero();
            plenum.put(e, created1);
        }
        assertThat(plenum.get("btv-khoa-7").get("seats").asInt()).isEqualTo(9);
        assertThat(plenum.get("btv-khoa-7").get("eligibleFromElectionId").asText())
                .isEqualTo("bch-khoa-7");
        assertThat(plenum.get("bi-thu-khoa-7").get("eligibleFromElectionId").asText())
                .isEqualTo("btv-khoa-7");
        assertThat(plenum.get("pho-bi-thu-khoa-7").get("excludingElectionIds"))
                .extracting(JsonNode::asText)
                .containsExactly("bi-thu-khoa-7");
        assertThat(plenum.get("chu-nhiem-ubkt-khoa-7")
                        .get("eligibleFromElectionId")
                        .asText())
                .isEqualTo("ubkt-khoa-7");
        // the secretary's list waits for the hall: nobody is on the standing committee yet
        var early = api().send(
                        "POST",
                        "/api/elections/bi-thu-khoa-7/rounds",
                        "{\"candidates\":[{\"candidateId\":\"D006\",\"fullName\":\"Ủy viên D006\"}]}",
                        api().admin());
        assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
        assertThat(JSON.readTree(early.body()).get("code").asText()).isEqualTo("NOT_ELIGIBLE");

        List<String> cards = Files.readAllLines(Path.of("target/demo-cards.csv"));
        assertThat(cards).hasSize(246);
        Map<String, String> codeOf = new HashMap<>();
        cards.stream().skip(1).map(line -> line.split(",")).forEach(f -> codeOf.put(f[0], f[2]));

        TestApi api = api();
        api.post("/api/motions/doan-chu-tich/open", "");
        api.post("/api/motions/nghi-quyet/open", "");
        for (int d = 1; d <= 123; d++) {
            String delegate = String.format("D%03d", d);
            api.signIn("cantho-7", delegate, codeOf.get(delegate));
            String onPresidium = d <= 122 ? "AGREE" : "DISAGREE";
            assertThat(api.asDelegate(
                                    "cantho-7",
                                    delegate,
                                    "/api/motions/doan-chu-tich/votes",
                                    "{\"choice\":\"" + onPresidium + "\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(api.asDelegate("cantho-7", delegate, "/api/motions/nghi-quyet/votes", "{\"choice\":\"AGREE\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        api.post("/api/motions/doan-chu-tich/close", "");
        api.post("/api/motions/nghi-quyet/close", "");

        JsonNode presidium = closed("doan-chu-tich");
        assertThat(presidium.get("agree").asLong()).isEqualTo(122);
        assertThat(presidium.get("baseCount").asLong()).isEqualTo(245);
        assertThat(presidium.get("threshold").asLong()).isEqualTo(123);
        assertThat(presidium.get("adopted").asBoolean()).isFalse();
        JsonNode resolution = closed("nghi-quyet");
        assertThat(resolution.get("agree").asLong()).isEqualTo(123);
        assertThat(resolution.get("adopted").asBoolean()).isTrue();

        // The rest of the agenda, as the hall runs it: the presidium again on a list the chair amends, then the
        // secretariat, the agenda, the working rules, both committees and the committee's seats, each adopted by 123.
        api.post(
                "/api/congresses/cantho-7/motions",
                "{\"motionId\":\"doan-chu-tich-2\",\"title\":\"Biểu quyết Đoàn Chủ tịch (danh sách điều chỉnh)\","
                        + "\"kind\":\"PROCEDURAL\"}");
        List<String> agenda = List.of(
                "doan-chu-tich-2",
                "doan-thu-ky",
                "chuong-trinh",
                "quy-che",
                "ban-tham-tra",
                "ban-kiem-phieu",
                "bch-khoa-7-so-luong");
        showOfHands(api, agenda);
        for (String motion : agenda) {
            assertThat(closed(motion).get("adopted").asBoolean()).as(motion).isTrue();
        }
        JsonNode seatsDecided = payloads("bch-khoa-7", "SeatsDecidedEvent").get(0);
        assertThat(seatsDecided.get("seats").asInt()).isEqualTo(33);
        assertThat(seatsDecided.get("surplus").asInt()).isEqualTo(4);

        // the list of 37 (33 + 4), in the presidium's order, voted by show of hands; the round opens on it only
        List<String> ids =
                nominees.stream().map(n -> n.get("candidateId").asText()).toList();
        JsonNode list =
                api.post("/api/elections/bch-khoa-7/list", JSON.writeValueAsString(Map.of("candidateIds", ids)));
        showOfHands(api, List.of(list.get("motionId").asText()));
        JsonNode approved = payloads("bch-khoa-7", "CandidateListApprovedEvent").get(0);
        assertThat(approved.get("candidates")).hasSize(37);
        api.post("/api/elections/bch-khoa-7/rounds", "{}");
        api.post("/api/elections/bch-khoa-7/open", "");
        String kept = JSON.writeValueAsString(ids.subList(0, 33));
        for (int d = 1; d <= 123; d++) {
            String delegate = String.format("D%03d", d);
            assertThat(api.asDelegate(
                                    "cantho-7",
                                    delegate,
                                    "/api/rounds/bch-khoa-7-r1/ballots",
                                    "{\"kept\":" + kept + ",\"requestId\":\"b-" + d + "\"}")
                            .statusCode())
                    .as(delegate)
                    .isEqualTo(201);
        }
        api.post("/api/elections/bch-khoa-7/close", "");
        JsonNode round = payloads("bch-khoa-7", "RoundClosedEvent").get(0);
        assertThat(round.get("seats").asInt()).isEqualTo(33);
        assertThat(round.get("threshold").asLong()).isEqualTo(123);
        assertThat(round.get("elected"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 33));

        // AGENDA 10, the first plenum: the committee's 33 members elect the standing committee; more than half is 17
        List<String> committee = ids.subList(0, 33);
        List<String> standing = committee.subList(0, 9);
        String standingList = JSON.writeValueAsString(Map.of(
                "candidates",
                standing.stream()
                        .map(id -> Map.of("candidateId", id, "fullName", "Ủy viên " + id))
                        .toList()));
        api.post("/api/elections/btv-khoa-7/rounds", standingList);
        api.post("/api/elections/btv-khoa-7/open", "");
        assertThat(api.asDelegate(
                                "cantho-7",
                                "D001",
                                "/api/rounds/btv-khoa-7-r1/ballots",
                                "{\"kept\":" + JSON.writeValueAsString(standing) + "}")
                        .statusCode())
                .as("D001 is no member of the committee")
                .isEqualTo(403);
        for (String member : committee.subList(0, 17)) {
            // every member of this committee is among the 123 signed in above
            assertThat(api.asDelegate(
                                    "cantho-7",
                                    member,
                                    "/api/rounds/btv-khoa-7-r1/ballots",
                                    "{\"kept\":" + JSON.writeValueAsString(standing) + "}")
                            .statusCode())
                    .as(member)
                    .isEqualTo(201);
        }
        api.post("/api/elections/btv-khoa-7/close", "");
        JsonNode plenumRound = payloads("btv-khoa-7", "RoundClosedEvent").get(0);
        assertThat(plenumRound.get("baseCount").asLong()).isEqualTo(33);
        assertThat(plenumRound.get("threshold").asLong()).isEqualTo(17);
        assertThat(plenumRound.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành Đảng bộ Khối khóa VII");
        assertThat(plenumRound.get("elected"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(standing);
    }

    /** Opens the motions, the first 123 delegates vote for each, and closes them. */
    private static void showOfHands(TestApi api, List<String> motions) throws Exception {
        for (String motion : motions) {
            api.post("/api/motions/" + motion + "/open", "");
        }
        for (int d = 1; d <= 123; d++) {
            String delegate = String.format("D%03d", d);
            for (String motion : motions) {
                assertThat(api.asDelegate(
                                        "cantho-7",
                                        delegate,
                                        "/api/motions/" + motion + "/votes",
                                        "{\"choice\":\"AGREE\"}")
                                .statusCode())
                        .as(delegate + " on " + motion)
                        .isEqualTo(201);
            }
        }
        for (String motion : motions) {
            api.post("/api/motions/" + motion + "/close", "");
        }
    }

    private List<JsonNode> payloads(String aggregate, String type) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (String payload : jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE ? ORDER BY sequencenumber",
                String.class,
                aggregate,
                "%." + type)) {
            found.add(JSON.readTree(payload));
        }
        return found;
    }

    private JsonNode closed(String motion) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                        + "aggregateidentifier = ? AND payloadtype LIKE '%MotionClosedEvent'",
                String.class, motion));
    }

    private long count(String aggregate, String type) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype " + "LIKE ?",
                Long.class,
                aggregate,
                "%" + type);
        return n == null ? 0 : n;
    }
}
