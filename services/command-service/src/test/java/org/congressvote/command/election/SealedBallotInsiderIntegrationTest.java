package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.congressvote.api.election.ReceiptCode;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The key ceremony and the opening of a sealed box by the vote-counting committee (2 of 3 shares), on the real
 * PostgreSQL, read the way an insider with SQL would: every column of every table, mid-round and after the close.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealedBallotInsiderIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DELEGATES = 12;

    @Test
    void committeeOpensTheBoxWithTwoOfThreeSharesAndAnInsiderNeverReadsABallot(CapturedOutput output) throws Exception {
        TestApi api = api();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String congress = "sealed-" + tag;
        api.convene(congress, DELEGATES);
        List<String> members = List.of("kp1-" + tag, "kp2-" + tag, "kp3-" + tag);
        Map<String, String> tokens = new HashMap<>();
        for (String member : members) {
            api.post(
                    "/api/auth/accounts",
                    "{\"username\":\"" + member + "\",\"password\":\"counting-password-1\","
                            + "\"role\":\"COUNTING\"}");
            Answer login = api.send(
                    "POST",
                    "/api/auth/login",
                    "{\"username\":\"" + member + "\",\"password\":\"counting-password-1\"}",
                    null);
            tokens.put(member, JSON.readTree(login.body()).get("token").asText());
        }
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":2}");
        List<String> candidates = List.of("SEAL" + tag + "-ALPHA", "SEAL" + tag + "-BRAVO", "SEAL" + tag + "-CHARLIE");
        StringBuilder list = new StringBuilder();
        for (String c : candidates) {
            list.append(list.length() == 0 ? "" : ",")
                    .append("{\"candidateId\":\"")
                    .append(c)
                    .append("\",\"fullName\":\"Ứng viên ")
                    .append(c)
                    .append("\"}");
        }
        api.post("/api/elections/" + election + "/rounds", "{\"candidates\":[" + list + "]}");
        String round = election + "-r1";

        // The secretariat cannot run the ceremony; a member of the committee does, for 2 of 3.
        assertThat(api.send("POST", "/api/elections/" + election + "/key", keyRequest(members), api.admin())
                        .statusCode())
                .isEqualTo(403);
        Answer ceremony = api.send(
                "POST", "/api/elections/" + election + "/key", keyRequest(members), tokens.get(members.get(0)));
        assertThat(ceremony.statusCode()).as(ceremony.body()).isEqualTo(201);
        assertThat(ceremony.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode handed = JSON.readTree(ceremony.body());
        List<String> shares = new ArrayList<>();
        handed.get("shares").forEach(s -> shares.add(s.get("share").asText()));
        assertThat(shares).hasSize(3);
        assertThat(handed.get("shares").get(1).get("holder").asText()).isEqualTo(members.get(1));
        api.post("/api/elections/" + election + "/open", "");

        String baseline = everyTable();
        // Delegate i keeps a different selection; none of it may reach a table in the clear.
        Map<String, String> receipts = new HashMap<>();
        for (int d = 1; d <= DELEGATES; d++) {
            List<String> kept = d % 4 == 0
                    ? List.of()
                    : d % 4 == 1
                            ? List.of(candidates.get(0))
                            : d % 4 == 2 ? List.of(candidates.get(2), candidates.get(1)) : List.of(candidates.get(1));
            Answer cast = api.asDelegate(
                    congress,
                    TestApi.delegateId(d),
                    "/api/rounds/" + round + "/ballots",
                    "{\"kept\":" + JSON.writeValueAsString(kept) + ",\"padding\":\"" + "x".repeat(40) + "\"}");
            assertThat(cast.statusCode()).as(cast.body()).isEqualTo(201);
            receipts.put(
                    TestApi.delegateId(d),
                    JSON.readTree(cast.body()).get("receiptCode").asText());
        }

        // --- mid-round: the insider dumps every table ---
        String midRound = everyTable();
        for (String c : candidates) {
            assertThat(occurrences(midRound, c))
                    .as("%s in the database mid-round", c)
                    .isEqualTo(occurrences(baseline, c));
        }
        List<Map<String, Object>> box = jdbc.queryForList("SELECT * FROM ballot_box WHERE round_id = ?", round);
        assertThat(box).hasSize(DELEGATES);
        assertThat(box.get(0).keySet()).containsExactlyInAnyOrder("ballot_id", "round_id", "sealed");
        assertThat(box.stream().map(r -> ((byte[]) r.get("sealed")).length).distinct())
                .as("one size for every ballot")
                .hasSize(1);
        shares.forEach(share -> assertThat(midRound).doesNotContain(secretPart(share)));

        // --- the close: a wrong share is refused, fewer than 2 do not open, member 1 is absent (or lost theirs) ---
        String good = shares.get(1);
        int at = good.length() - 10;
        String wrong = good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);
        Answer refused = present(api, election, wrong, tokens.get(members.get(1)));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("KEY_SHARE_INVALID");
        assertThat(api.send("POST", "/api/elections/" + election + "/shares", shareRequest(shares.get(1)), api.admin())
                        .statusCode())
                .as("only the committee presents shares")
                .isEqualTo(403);
        Answer first = present(api, election, shares.get(1), tokens.get(members.get(1)));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("closed").asBoolean()).isFalse();
        assertThat(present(api, election, shares.get(1), tokens.get(members.get(2)))
                        .body())
                .as("a share presented twice")
                .contains("KEY_SHARE_INVALID");
        Answer early = api.send("POST", "/api/elections/" + election + "/close", "", api.admin());
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("KEY_SHARES_MISSING");
        Answer second = present(api, election, shares.get(2), tokens.get(members.get(2)));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).get("closed").asBoolean()).isTrue();

        // --- after the close: the count is right, and only the published closing event holds ballot content ---
        JsonNode opened = payload(election, "BallotBoxOpenedEvent");
        assertThat(opened.get("openedBy").toString()).isEqualTo(JSON.writeValueAsString(members.subList(1, 3)));
        List<String> counted = new ArrayList<>();
        opened.get("countedReceipts").forEach(r -> counted.add(r.asText()));
        assertThat(counted).hasSize(DELEGATES).isSorted();
        receipts.values().forEach(code -> assertThat(counted).contains(ReceiptCode.hash(code)));
        JsonNode closed = payload(election, "RoundClosedEvent");
        assertThat(closed.get("returned").asLong()).isEqualTo(DELEGATES);
        Map<String, Long> votes = new HashMap<>();
        closed.get("results")
                .forEach(r ->
                        votes.put(r.get("candidateId").asText(), r.get("votes").asLong()));
        assertThat(votes)
                .containsEntry(candidates.get(0), 3L)
                .containsEntry(candidates.get(1), 6L)
                .containsEntry(candidates.get(2), 3L);
        closed.get("ballots").forEach(b -> {
            assertThat(b.get("receiptHash").isNull())
                    .as("a ballot's content is never beside its receipt")
                    .isTrue();
            List<String> kept = new ArrayList<>();
            b.get("kept").forEach(k -> kept.add(k.asText()));
            assertThat(kept).isSorted();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ballot_box WHERE round_id = ?", Long.class, round))
                .isZero();
        String afterClose = everyTableBut(election, "RoundClosedEvent");
        for (String c : candidates) {
            assertThat(occurrences(afterClose, c))
                    .as("%s outside the published result", c)
                    .isEqualTo(occurrences(baseline, c));
        }
        // The minutes name the members who opened the box (the PDF prints the same line).
        JsonNode[] minutes = new JsonNode[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    Answer r = api.send("GET", "/api/minutes/elections/" + election + "/rounds/1", null, api.admin());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    minutes[0] = JSON.readTree(r.body());
                });
        assertThat(minutes[0].get("boxOpened").get("openedBy").toString())
                .isEqualTo(JSON.writeValueAsString(members.subList(1, 3)));
        assertThat(minutes[0].get("boxOpened").get("sharesRequired").asInt()).isEqualTo(2);
        Answer pdf = api.send("GET", "/api/minutes/elections/" + election + "/rounds/1.pdf", null, api.admin());
        assertThat(pdf.statusCode()).isEqualTo(200);

        // No share, whole key or share, in any table or in the service's output.
        for (String share : shares) {
            assertThat(afterClose).doesNotContain(secretPart(share));
            assertThat(output.getAll()).doesNotContain(secretPart(share));
        }
    }

    private static String keyRequest(List<String> members) throws Exception {
        return "{\"sharesRequired\":2,\"holders\":" + JSON.writeValueAsString(members) + "}";
    }

    private static String shareRequest(String share) {
        return "{\"share\":\"" + share + "\"}";
    }

    private Answer present(TestApi api, String election, String share, String token) throws Exception {
        return api.send("POST", "/api/elections/" + election + "/shares", shareRequest(share), token);
    }

    private static String secretPart(String share) {
        return share.substring(share.lastIndexOf('-') + 1);
    }

    private JsonNode payload(String election, String type) throws Exception {
        return JSON.readTree(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype LIKE ?",
                String.class,
                election,
                "%." + type));
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** What pg_dump would print: every row of every table, binary columns as text where they hold text. */
    private String everyTable() {
        return everyTableBut(null, null);
    }

    private String everyTableBut(String aggregate, String payloadType) {
        StringBuilder dump = new StringBuilder();
        for (String table : jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
                String.class)) {
            List<String> columns = jdbc.queryForList(
                    "SELECT CASE WHEN data_type = 'bytea' THEN "
                            + "'encode(' || quote_ident(column_name) || ', ''escape'')' ELSE quote_ident(column_name) || '::text' END "
                            + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? "
                            + "ORDER BY ordinal_position",
                    String.class,
                    table);
            String where = "";
            if (table.equals("domainevententry") && aggregate != null) {
                where = " WHERE NOT (aggregateidentifier = '" + aggregate + "' AND payloadtype LIKE '%." + payloadType
                        + "')";
            }
            jdbc.query("SELECT concat_ws(' | ', " + String.join(", ", columns) + ") FROM " + table + where, rs -> {
                dump.append(table).append(": ").append(rs.getString(1)).append('\n');
            });
        }
        return dump.toString();
    }
}
