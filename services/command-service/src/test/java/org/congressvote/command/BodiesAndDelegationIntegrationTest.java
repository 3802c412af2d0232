package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 through the API on the real servers: a small congress elects its executive committee, whose first plenum
 * (its members, and only they) elects the standing committee on the members' base and a secretary from the standing
 * committee; the congress elects its delegation with alternates ranked by votes; the minutes say whose base and in
 * which order the alternates replace a delegate.
 */
class BodiesAndDelegationIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCommitteesFirstPlenumElectsItsOwnBodiesAndTheCongressItsDelegationWithRankedAlternates() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi api = api();
        api.convene(congress, 7); // 7 summoned: more than half is 4

        // The executive committee: D001..D004 and M1, a member who is not a delegate (elected with consent).
        String bch = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + bch + "\",\"title\":\"Bầu Ban Chấp hành\",\"seats\":5}");
        api.post(
                "/api/elections/" + bch + "/rounds",
                "{\"candidates\":[" + candidate("D001") + "," + candidate("D002") + "," + candidate("D003") + ","
                        + candidate("D004") + ",{\"candidateId\":\"M1\",\"fullName\":\"Trần Cường\"}]}");
        api.post("/api/elections/" + bch + "/open", "");
        for (int d = 1; d <= 7; d++) {
            ballot(congress, d, bch + "-r1", List.of("D001", "D002", "D003", "D004", "M1"), 201);
        }
        api.post("/api/elections/" + bch + "/close", "");
        assertThat(closed(bch, 1).get("elected")).hasSize(5);

        refused(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + congress + "-x\",\"title\":\"Bầu Ban Thường vụ\",\"seats\":2,"
                        + "\"electorateElectionId\":\"nope\"}",
                404,
                "BODY_NOT_FOUND");

        // The plenum elects the standing committee: 5 members summoned (M1 too), 4 present; more than half is 3.
        String btv = congress + "-btv";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + btv + "\",\"title\":\"Bầu Ban Thường vụ\",\"seats\":2,"
                        + "\"electorateElectionId\":\"" + bch + "\"}");
        api.post(
                "/api/elections/" + btv + "/rounds",
                "{\"candidates\":[" + candidate("D001") + "," + candidate("D002") + "," + candidate("D003") + "]}");
        api.post("/api/elections/" + btv + "/open", "");
        JsonNode phone = JSON.readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D006"))
                .body());
        assertThat(phone.get("openVotes"))
                .as("a non-member's phone offers no plenum round")
                .isEmpty();
        JsonNode memberPhone = JSON.readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D001"))
                .body());
        assertThat(memberPhone.get("openVotes")).hasSize(1);
        assertThat(memberPhone.get("openVotes").get(0).get("id").asText()).isEqualTo(btv + "-r1");
        long before = events();
        ballot(congress, 6, btv + "-r1", List.of("D001"), 403, "NOT_IN_ELECTORATE");
        assertThat(events()).as("a refused ballot stores nothing").isEqualTo(before);
        ballot(congress, 1, btv + "-r1", List.of("D001", "D002"), 201);
        ballot(congress, 2, btv + "-r1", List.of("D001", "D002"), 201);
        ballot(congress, 3, btv + "-r1", List.of("D001", "D002"), 201);
        ballot(congress, 4, btv + "-r1", List.of("D003"), 201);
        api.post("/api/elections/" + btv + "/close", "");
        JsonNode standing = closed(btv, 1);
        assertThat(standing.get("summoned").asLong()).isEqualTo(5);
        assertThat(standing.get("present").asLong()).isEqualTo(4);
        assertThat(standing.get("baseCount").asLong()).isEqualTo(5);
        assertThat(standing.get("threshold").asLong()).isEqualTo(3);
        assertThat(standing.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
        assertThat(standing.get("elected")).extracting(JsonNode::asText).containsExactlyInAnyOrder("D001", "D002");

        // The secretary, from the standing committee only: D003 is on the committee but not on the standing one.
        String bt = congress + "-bt";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + bt + "\",\"title\":\"Bầu Bí thư\",\"seats\":1,\"electorateElectionId\":\"" + bch
                        + "\",\"eligibleFromElectionId\":\"" + btv + "\"}");
        JsonNode outsider = refused(
                "/api/elections/" + bt + "/rounds",
                "{\"candidates\":[" + candidate("D003") + "]}",
                422,
                "NOT_ELIGIBLE");
        assertThat(outsider.get("eligible").asLong()).isEqualTo(2);
        api.post("/api/elections/" + bt + "/rounds", "{\"candidates\":[" + candidate("D001") + "]}");
        api.post("/api/elections/" + bt + "/open", "");
        for (int d = 1; d <= 4; d++) {
            ballot(congress, d, bt + "-r1", List.of("D001"), 201);
        }
        api.post("/api/elections/" + bt + "/close", "");
        assertThat(closed(bt, 1).get("elected")).extracting(JsonNode::asText).containsExactly("D001");

        // The delegation to the city congress: 2 delegates and 2 alternates allocated by the level above, one ballot.
        String dbtp = congress + "-dbtp";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + dbtp + "\",\"title\":\"Bầu Đoàn đại biểu dự Đại hội thành phố\",\"seats\":2,"
                        + "\"alternateSeats\":2,\"procedure\":\"SEATS_ALLOCATED\"}");
        String e = "/api/elections/" + dbtp;
        for (int d = 1; d <= 5; d++) {
            api.post(
                    e + "/nominations",
                    "{\"candidateId\":\"D00" + d + "\",\"fullName\":\"Đại biểu " + d + "\",\"kind\":\"PRESIDIUM\"}");
        }
        showOfHands(
                api,
                congress,
                api.post(e + "/seats", "{\"seats\":0,\"surplus\":1}")
                        .get("motionId")
                        .asText());
        showOfHands(
                api,
                congress,
                api.post(e + "/list", "{\"candidateIds\":[\"D001\",\"D002\",\"D003\",\"D004\",\"D005\"]}")
                        .get("motionId")
                        .asText());
        api.post(e + "/rounds", "{}");
        api.post(e + "/open", "");
        JsonNode ballotPhone = JSON.readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D007"))
                .body());
        assertThat(ballotPhone.get("openVotes").get(0).get("seats").asInt()).isEqualTo(2);
        assertThat(ballotPhone.get("openVotes").get(0).get("alternateSeats").asInt())
                .as("a ballot keeps up to the seats and the alternates")
                .isEqualTo(2);
        // D001 7, D002 6, D003 5, D004 4, D005 1: the threshold of the congress (4) reached by four.
        String r = dbtp + "-r1";
        for (int d = 1; d <= 4; d++) {
            ballot(congress, d, r, List.of("D001", "D002", "D003", "D004"), 201);
        }
        ballot(congress, 5, r, List.of("D001", "D002", "D003"), 201);
        ballot(congress, 6, r, List.of("D001", "D002"), 201);
        ballot(congress, 7, r, List.of("D001", "D005"), 201);
        api.post(e + "/close", "");
        JsonNode delegation = closed(dbtp, 1);
        assertThat(delegation.get("threshold").asLong()).isEqualTo(4);
        assertThat(delegation.get("elected")).extracting(JsonNode::asText).containsExactlyInAnyOrder("D001", "D002");
        assertThat(delegation.get("alternates")).extracting(JsonNode::asText).containsExactly("D003", "D004");
        assertThat(delegation.get("alternateSeatsRemaining").asInt()).isZero();

        // The minutes: each round's base its own, the alternates in their order.
        JsonNode standingMinutes = minutes(btv, 1);
        assertThat(standingMinutes.get("baseText").asText())
                .isEqualTo("5 ủy viên Ban Chấp hành triệu tập, quá nửa là 3");
        assertThat(standingMinutes.get("electorateTitle").asText()).isEqualTo("Ban Chấp hành");
        JsonNode delegationMinutes = minutes(dbtp, 1);
        assertThat(delegationMinutes.get("baseText").asText()).isEqualTo("7 đại biểu triệu tập, quá nửa là 4");
        assertThat(delegationMinutes.get("alternates"))
                .extracting(a -> a.get("rank").asInt() + ". " + a.get("label").asText())
                .containsExactly("1. Đại biểu 3", "2. Đại biểu 4");
        String standingPdf = pdfText(btv, 1);
        assertThat(standingPdf).contains("5 ủy viên Ban Chấp hành triệu tập, quá nửa là 3");
        String delegationPdf = pdfText(dbtp, 1);
        assertThat(delegationPdf)
                .containsSubsequence("Đại biểu dự khuyết (theo thứ tự):", "1. Đại biểu 3", "2. Đại biểu 4");
    }

    private static String candidate(String id) {
        return "{\"candidateId\":\"" + id + "\",\"fullName\":\"Đại biểu " + Integer.parseInt(id.substring(1)) + "\"}";
    }

    private void ballot(String congress, int d, String round, List<String> kept, int status, String... code)
            throws Exception {
        List<String> quoted = new ArrayList<>();
        kept.forEach(k -> quoted.add("\"" + k + "\""));
        var cast = api().asDelegate(
                        congress,
                        TestApi.delegateId(d),
                        "/api/rounds/" + round + "/ballots",
                        "{\"kept\":[" + String.join(",", quoted) + "]}");
        assertThat(cast.statusCode()).as(cast.body()).isEqualTo(status);
        if (code.length > 0) {
            assertThat(JSON.readTree(cast.body()).get("code").asText()).isEqualTo(code[0]);
        }
    }

    /** The round's closing event as stored: the legal record the views and the minutes are made from. */
    private JsonNode closed(String election, int round) throws Exception {
        for (String payload : jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%.RoundClosedEvent' ORDER BY sequencenumber",
                String.class, election)) {
            JsonNode event = JSON.readTree(payload);
            if (event.get("round").asInt() == round) {
                return event;
            }
        }
        throw new AssertionError("round " + round + " of " + election + " is not closed");
    }

    /** Opens the motion, every delegate of the 7 agrees, and closes it. */
    private void showOfHands(TestApi api, String congress, String motionId) throws Exception {
        api.post("/api/motions/" + motionId + "/open", "");
        for (int d = 1; d <= 7; d++) {
            var vote = api.asDelegate(
                    congress, TestApi.delegateId(d), "/api/motions/" + motionId + "/votes", "{\"choice\":\"AGREE\"}");
            assertThat(vote.statusCode()).as(vote.body()).isEqualTo(201);
        }
        api.post("/api/motions/" + motionId + "/close", "");
    }

    private JsonNode minutes(String election, int round) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            var m = api().send(
                                            "GET",
                                            "/api/minutes/elections/" + election + "/rounds/" + round,
                                            null,
                                            api().admin());
                            return m.statusCode() == 200 ? JSON.readTree(m.body()) : null;
                        },
                        m -> m != null);
    }

    private String pdfText(String election, int round) throws Exception {
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/minutes/elections/"
                                        + election + "/rounds/" + round + ".pdf"))
                                .header("Authorization", "Bearer " + api().admin())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode refused(String path, String json, int status, String code) throws Exception {
        long before = events();
        var response = api().send("POST", path, json, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(events()).as("a refusal stores nothing").isEqualTo(before);
        return problem;
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }
}
