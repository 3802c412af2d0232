package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/** Roster import, credentials, a resolution's result and a secret-ballot round, on the real PostgreSQL. */
class RosterAndElectionIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rosterWithOneBadRowChangesNothingAndReportsTheRow() throws Exception {
        String congress = newCongress();
        long before = events();
        String csv = "code,full_name,organisation,kind,date_of_birth,position\n"
                + "D001,Nguyễn Văn An,SYT,chính thức,1970-05-01,Bí thư\n"
                + "D002,\"Trần Thị Bình, Jr\",STP,official,02/09/1975,\n"
                + "D003,,SYT,official\n"
                + "A001,Lê Văn Dự,SYT,dự khuyết\n";
        Answer refused =
                send("/api/congresses/" + congress + "/roster", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("ROSTER_REJECTED");
        assertThat(problem.get("rows")).hasSize(1);
        assertThat(problem.get("rows").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(problem.get("rows").get(0).get("problem").asText()).contains("full name is missing");
        assertThat(events()).isEqualTo(before);

        Answer empty = send("/api/congresses/" + congress + "/roster", new byte[0], "text/csv");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(422);
        assertThat(JSON.readTree(empty.body()).get("rows").get(0).get("problem").asText())
                .startsWith("the file is empty: a roster is a CSV file")
                .contains("code,full_name,organisation,kind");
        assertThat(events()).isEqualTo(before);

        byte[] latin1 =
                ("code,full_name,organisation,kind\nD001,Nguy\u1ec5n,SYT,official\nD002,Tr\u00e2n,SYT,official\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
        Answer wrongEncoding = send("/api/congresses/" + congress + "/roster", latin1, "text/csv");
        assertThat(wrongEncoding.statusCode()).isEqualTo(422);
        assertThat(wrongEncoding.body()).contains("UTF-8");
        assertThat(events()).isEqualTo(before);

        Answer imported = send(
                "/api/congresses/" + congress + "/roster",
                csv.replace("D003,,SYT", "D003,Phạm Văn Ba,SYT").getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(JSON.readTree(imported.body()).get("imported").asInt()).isEqualTo(4);
        assertThat(events()).isEqualTo(before + 4);
    }

    @Test
    void oneReportNamesEveryBadRowWhateverIsWrongWithIt() throws Exception {
        String congress = newCongress();
        long before = events();
        String csv = "code,full_name,organisation,kind,date_of_birth\n"
                + "D001,Nguyễn Văn An,SYT,official\n"
                + "D002,Trần Thị Bình,SYT,maybe\n" // line 3: bad kind
                + "D001,Lê Văn Cường,SYT,official\n" // line 4: duplicate code
                + "D004,,SYT,official\n" // line 5: missing name
                + "D005,Phạm Văn Năm,XXX,official\n" // line 6: unknown organisation
                + "D006,Võ Thị Sáu,SYT,official,31/02/1970\n" // line 7: no such date
                + "D007,only three,fields\n"; // line 8: too few fields
        Answer refused =
                send("/api/congresses/" + congress + "/roster", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode rows = JSON.readTree(refused.body()).get("rows");
        assertThat(rows).extracting(r -> r.get("row").asInt()).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(rows.get(0).get("problem").asText()).contains("kind 'maybe'");
        assertThat(rows.get(1).get("problem").asText())
                .contains("appears twice")
                .contains("first on row 2");
        assertThat(rows.get(2).get("problem").asText()).contains("full name is missing");
        assertThat(rows.get(3).get("problem").asText()).contains("organisation XXX");
        assertThat(rows.get(4).get("problem").asText()).contains("31/02/1970");
        assertThat(rows.get(5).get("problem").asText()).contains("found 3");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void secretBallotRoundElectsAndStoresNoBallotNextToADelegate() throws Exception {
        String congress = newCongress();
        StringBuilder csv = new StringBuilder("code,full_name,organisation,kind\n");
        for (int d = 1; d <= 9; d++) {
            csv.append("D00").append(d).append(",Đại biểu ").append(d).append(",SYT,official\n");
        }
        assertThat(send(
                                "/api/congresses/" + congress + "/roster",
                                csv.toString().getBytes(StandardCharsets.UTF_8),
                                "text/csv")
                        .statusCode())
                .isEqualTo(201);
        for (int d = 1; d <= 9; d++) {
            ok("/api/congresses/" + congress + "/delegates/D00" + d + "/credentials", "{\"decision\":\"ACCEPT\"}");
        }
        ok("/api/congresses/" + congress + "/credentials/complete", "");
        ok("/api/congresses/" + congress + "/session/open", "");
        TestApi api = api();
        for (int d = 1; d <= 9; d++) {
            api.checkInAndSignIn(congress, "D00" + d);
        }
        String election = congress + "-bch";
        ok(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":2}");
        ok(
                "/api/elections/" + election + "/rounds",
                "{\"candidates\":[{\"candidateId\":\"A\",\"fullName\":\"Lê An\"},"
                        + "{\"candidateId\":\"B\",\"fullName\":\"Phạm Bình\"},{\"candidateId\":\"C\",\"fullName\":\"Trần Cường\"}]}");
        ok("/api/elections/" + election + "/open", "");
        String round = election + "-r1";
        JsonNode me = JSON.readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D001"))
                .body());
        assertThat(me.get("fullName").asText()).isEqualTo("Đại biểu 1");
        assertThat(me.get("present").asBoolean()).isTrue();
        assertThat(me.get("openVotes")).hasSize(1);
        assertThat(me.get("openVotes").get(0).get("kind").asText()).isEqualTo("ROUND");
        assertThat(me.get("openVotes").get(0).get("seats").asInt()).isEqualTo(2);
        assertThat(me.get("openVotes").get(0).get("candidates")).hasSize(3);
        assertThat(me.get("openVotes").get(0).get("voted").asBoolean()).isFalse();
        List<String> ballots = List.of(
                "[\"A\",\"B\"]",
                "[\"A\",\"B\"]",
                "[\"A\",\"C\"]",
                "[\"A\",\"B\"]",
                "[\"A\"]",
                "[\"B\",\"C\"]",
                "[]",
                "[\"A\",\"B\",\"C\"]",
                "[\"C\"]");
        for (int d = 1; d <= 9; d++) {
            Answer cast = api.asDelegate(
                    congress,
                    "D00" + d,
                    "/api/rounds/" + round + "/ballots",
                    "{\"kept\":" + ballots.get(d - 1) + ",\"requestId\":\"r" + d + "\"}");
            assertThat(cast.statusCode()).as(cast.body()).isEqualTo(201);
            JsonNode recorded = JSON.readTree(cast.body());
            assertThat(recorded.get("receiptCode").asText()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        }
        JsonNode after = JSON.readTree(api.send("GET", "/api/delegate/me", null, api.tokenOf(congress, "D001"))
                .body());
        assertThat(after.get("openVotes").get(0).get("voted").asBoolean()).isTrue();
        Answer twice = api.asDelegate(
                congress, "D001", "/api/rounds/" + round + "/ballots", "{\"kept\":[\"C\"],\"requestId\":\"other\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(twice.body()).get("code").asText()).isEqualTo("ALREADY_VOTED");
        ok("/api/elections/" + election + "/close", "");

        // A: 6 of 9 (more than half of 9 summoned: 5), B: 4, C: 3. Two invalid ballots (nobody kept; three names).
        String closed = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                        + "aggregateidentifier = ? AND payloadtype LIKE '%RoundClosedEvent'",
                String.class, election);
        JsonNode result = JSON.readTree(closed);
        assertThat(result.get("valid").asLong()).isEqualTo(7);
        assertThat(result.get("invalid").asLong()).isEqualTo(2);
        assertThat(result.get("threshold").asLong()).isEqualTo(5);
        assertThat(result.get("elected")).extracting(JsonNode::asText).containsExactly("A");
        assertThat(result.get("seatsRemaining").asInt()).isEqualTo(1);
        assertThat(result.get("ballots")).hasSize(9);

        // Participation events name the delegate and nothing of the ballot; the box is empty after the close.
        List<String> participation = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry " + "WHERE aggregateidentifier LIKE ?",
                String.class,
                "ballot:" + round + ":%");
        assertThat(participation)
                .hasSize(9)
                .allSatisfy(p -> assertThat(p).doesNotContain("kept").doesNotContain("\"A\""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ballot_box WHERE round_id = ?", Long.class, round))
                .isZero();
    }

    private String newCongress() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        ok(
                "/api/congresses",
                "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội thử\",\"organisations\":["
                        + "{\"code\":\"SYT\",\"name\":\"Đảng bộ Sở Y tế\",\"members\":120},"
                        + "{\"code\":\"STP\",\"name\":\"Chi bộ Sở Tư pháp\",\"members\":45}]}");
        return congress;
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }

    private JsonNode ok(String path, String json) throws Exception {
        Answer response = send(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private Answer send(String path, byte[] body, String contentType) throws Exception {
        return api().sendBytes("POST", path, body, contentType, api().admin());
    }
}
