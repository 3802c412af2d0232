package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A delegate's phone keeps, with the receipt of a secret ballot, the inclusion proof of their participation against
 * a signed head, and later proves it is still in the log; nothing in the answers says what the ballot held.
 */
class BallotProofOnThePhoneIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private TreeHeads heads;

    @Test
    void theDelegatesPhoneProvesItsBallotParticipationIsInTheSignedLogWithoutItsContent() throws Exception {
        String congress = "bproof-" + UUID.randomUUID().toString().substring(0, 8);
        String election = congress + "-bch";
        api().convene(congress, 2);
        api().post(
                        "/api/congresses/" + congress + "/elections",
                        "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":1}");
        api().post(
                        "/api/elections/" + election + "/rounds",
                        "{\"candidates\":[{\"candidateId\":\"CAND-KILO\",\"fullName\":\"Ứng viên Kilo\"},"
                                + "{\"candidateId\":\"CAND-LIMA\",\"fullName\":\"Ứng viên Lima\"}]}");
        api().post("/api/elections/" + election + "/open", "");
        String round = election + "-r1";
        Answer cast = api().asDelegate(
                        congress,
                        "D001",
                        "/api/rounds/" + round + "/ballots",
                        "{\"kept\":[\"CAND-KILO\"],\"requestId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(cast.statusCode()).isEqualTo(201);
        String path = "/api/delegate/rounds/" + round + "/proof";
        long globalIndex = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class,
                "ballot:" + round + ":D001");

        JsonNode kept = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            heads.publish("test", true);
                            Answer r = api().send("GET", path, null, api().tokenOf(congress, "D001"));
                            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                        },
                        r -> r != null && r.get("inclusion").get("included").asBoolean());
        assertThat(kept.get("participationId").asText()).isEqualTo("ballot:" + round + ":D001");
        JsonNode inclusion = kept.get("inclusion");
        assertThat(inclusion.get("globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(inclusion.get("head").get("signature").asText()).hasSize(128);
        // the phone (or anyone it shows the proof to) re-verifies it with the signed root alone
        HexFormat hex = HexFormat.of();
        List<byte[]> proof = new java.util.ArrayList<>();
        inclusion.get("proof").forEach(p -> proof.add(hex.parseHex(p.asText())));
        assertThat(MerkleTree.verifyInclusion(
                        hex.parseHex(inclusion.get("leafHash").asText()),
                        inclusion.get("leafIndex").asLong(),
                        inclusion.get("treeSize").asLong(),
                        proof,
                        hex.parseHex(inclusion.get("rootHash").asText())))
                .isTrue();
        // the proof covers the participation, never what the ballot kept
        assertThat(kept.toString()).doesNotContain("CAND-KILO", "CAND-LIMA", "Kilo");

        assertThat(api().send("GET", path, null, api().tokenOf(congress, "D002"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api().send("GET", path, null, api().admin()).statusCode()).isEqualTo(403);
        assertThat(api().send("GET", path + "?fromSize=3&fromRoot=xyz", null, api().tokenOf(congress, "D001"))
                        .statusCode())
                .isEqualTo(400);

        String check = path + "?fromSize=" + inclusion.get("treeSize").asLong() + "&fromRoot="
                + inclusion.get("rootHash").asText();
        JsonNode later = JSON.readTree(
                api().send("GET", check, null, api().tokenOf(congress, "D001")).body());
        assertThat(later.get("inclusion").get("included").asBoolean()).isTrue();
        assertThat(later.get("inclusion").get("leafHash").asText())
                .isEqualTo(inclusion.get("leafHash").asText());
        assertThat(later.get("sinceKept").get("consistent").asBoolean()).isTrue();

        // an insider moves the participation to another delegate by SQL: the phone's check fails
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, globalIndex);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'\"D001\"', '\"D002\"'), 'UTF8') WHERE globalindex = ?",
                globalIndex);
        try {
            JsonNode tampered = JSON.readTree(api().send("GET", check, null, api().tokenOf(congress, "D001"))
                    .body());
            assertThat(tampered.get("inclusion").get("included").asBoolean()).isFalse();
            assertThat(tampered.get("inclusion").get("leafHash").asText())
                    .isNotEqualTo(inclusion.get("leafHash").asText());
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, globalIndex);
        }
        JsonNode restored = JSON.readTree(
                api().send("GET", check, null, api().tokenOf(congress, "D001")).body());
        assertThat(restored.get("inclusion").get("included").asBoolean()).isTrue();
        assertThat(restored.get("sinceKept").get("consistent").asBoolean()).isTrue();
    }
}
