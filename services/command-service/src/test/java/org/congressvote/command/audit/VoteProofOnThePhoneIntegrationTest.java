package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delegate's phone keeps, with its vote, the inclusion proof against a signed head; asked again with that head,
 * the service proves the vote is still there and the log extends the head, until an insider changes the vote by SQL.
 */
class VoteProofOnThePhoneIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private TreeHeads heads;

    @Test
    void theDelegatesPhoneProvesItsVoteIsInTheSignedLogAndSeesItChangedByAnInsider() throws Exception {
        String congress = "proof-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 2);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        String path = "/api/delegate/motions/" + motion + "/proof";
        long globalIndex = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class,
                "vote:" + motion + ":D001");

        JsonNode kept = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            heads.publish("test", true);
                            Answer r = api().send("GET", path, null, api().tokenOf(congress, "D001"));
                            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                        },
                        r -> r != null && r.get("inclusion").get("included").asBoolean());
        JsonNode inclusion = kept.get("inclusion");
        assertThat(inclusion.get("globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(inclusion.get("head").get("signature").asText()).hasSize(128);
        assertThat(inclusion.get("proof").size()).isPositive();

        assertThat(api().send("GET", path, null, api().tokenOf(congress, "D002"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api().send("GET", path, null, api().admin()).statusCode()).isEqualTo(403);

        String check = path + "?fromSize=" + inclusion.get("treeSize").asLong() + "&fromRoot="
                + inclusion.get("rootHash").asText();
        JsonNode later = JSON.readTree(
                api().send("GET", check, null, api().tokenOf(congress, "D001")).body());
        assertThat(later.get("inclusion").get("included").asBoolean()).isTrue();
        assertThat(later.get("inclusion").get("leafHash").asText())
                .isEqualTo(inclusion.get("leafHash").asText());
        assertThat(later.get("sinceKept").get("consistent").asBoolean()).isTrue();

        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, globalIndex);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'AGREE', "
                        + "'DISAGREE'), 'UTF8') WHERE globalindex = ?",
                globalIndex);
        try {
            JsonNode tampered = JSON.readTree(api().send("GET", check, null, api().tokenOf(congress, "D001"))
                    .body());
            // the vote's own leaf, hashed from the row as it is now, is no longer the one the signed head covers
            // (the page then says "changed"); the signed heads themselves, from the stored tree, still extend the kept
            // one: whether the rest of the log still reproduces them is the audit's full verification
            assertThat(tampered.get("inclusion").get("included").asBoolean()).isFalse();
            assertThat(tampered.get("inclusion").get("leafHash").asText())
                    .isNotEqualTo(inclusion.get("leafHash").asText());
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, globalIndex);
        }
        JsonNode restored = JSON.readTree(
                api().send("GET", check, null, api().tokenOf(congress, "D001")).body());
        assertThat(restored.get("sinceKept").get("consistent").asBoolean()).isTrue();
    }
}
