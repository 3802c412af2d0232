package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.congressvote.command.RealServersTest;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An insider with SQL on the real PostgreSQL tries to change the record unseen: a row slipped in outside the
 * sequence, chain entries deleted with an event altered, the whole chain recomputed after an edit. Each attempt is
 * undone at the end, so the other tests of this JVM find an intact log.
 */
class AuditInsiderIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private TreeHeads heads;

    @Autowired
    private DataSource dataSource;

    @Test
    void aVoteInsertedOutsideTheSequenceFailsVerificationByNameAndTheCloseRefusesToCount() throws Exception {
        String congress = convene(3);
        String motion = congress + "-m";
        post(
                "/api/congresses/" + congress + "/motions",
                "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"," + "\"kind\":\"PROCEDURAL\"}");
        post("/api/motions/" + motion + "/open", "");
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        awaitIntact();

        // the DBA copies D001's vote as D003's, at global index -1: no reader of the store ever sees that row
        jdbc.update(
                "INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, "
                        + "type, payloadtype, payloadrevision, timestamp, payload, metadata) SELECT -1, md5(random()::text), "
                        + "?, 0, type, payloadtype, payloadrevision, timestamp, convert_to(replace(convert_from(payload, "
                        + "'UTF8'), 'D001', 'D003'), 'UTF8'), metadata FROM domainevententry WHERE aggregateidentifier = ?",
                "vote:" + motion + ":D003",
                "vote:" + motion + ":D001");
        try {
            JsonNode verify = get("/api/audit/verify");
            assertThat(verify.get("intact").asBoolean()).isFalse();
            assertThat(verify.get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("globalIndex").asLong()).isEqualTo(-1);
                assertThat(a.get("aggregateId").asText()).isEqualTo("vote:" + motion + ":D003");
            });
            Answer close = api().send("POST", "/api/motions/" + motion + "/close", "", api().admin());
            assertThat(close.statusCode()).as(close.body()).isEqualTo(409);
            JsonNode problem = JSON.readTree(close.body());
            assertThat(problem.get("code").asText()).isEqualTo("LOG_NOT_INTACT");
            assertThat(problem.get("detail").asText())
                    .contains("global index -1")
                    .contains("vote:" + motion + ":D003");
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex = -1");
        }
        awaitIntact();
        post("/api/motions/" + motion + "/close", "");
        Long agree = jdbc.queryForObject(
                "SELECT (convert_from(payload, 'UTF8')::json->>'agree')::bigint FROM "
                        + "domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%MotionClosedEvent'",
                Long.class, motion);
        assertThat(agree).isEqualTo(1);
    }

    @Test
    void deletingTheChainsNewestEntriesAndAlteringAnEventThereIsDetected() throws Exception {
        convene(3);
        awaitIntact();
        TreeHead signed = heads.publish("test", true);
        assertThat(signed).isNotNull();
        long head = jdbc.queryForObject("SELECT max(position) FROM event_chain", Long.class);
        List<Object[]> deleted = jdbc.query(
                "SELECT position, global_index, hash FROM event_chain WHERE position > ? " + "ORDER BY position",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getBytes(3)},
                head - 3);
        long victim = (Long) deleted.get(1)[1];
        byte[] original =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, victim);
        jdbc.update("DELETE FROM event_chain WHERE position > ?", head - 3);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(convert_from(payload, 'UTF8') || ' ', 'UTF8') "
                        + "WHERE globalindex = ?",
                victim);
        try {
            // at once: the signed head covers entries the chain no longer holds
            JsonNode now = get("/api/audit/verify");
            assertThat(now.get("intact").asBoolean()).isFalse();
            assertThat(now.get("treeHeads").get("reason").asText()).contains("deleted");
            // after the grace period: each event the chain lost is named
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode late = get("/api/audit/verify");
                assertThat(late.get("anomalies"))
                        .extracting(a -> a.get("globalIndex").asLong())
                        .contains(victim);
            });
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, victim);
            jdbc.batchUpdate("INSERT INTO event_chain (position, global_index, hash) VALUES (?, ?, ?)", deleted);
        }
        awaitIntact();
    }

    @Test
    void aWholeChainRecomputedAfterAnEditIsCaughtByTheHeadSignedBefore() throws Exception {
        String congress = convene(4);
        awaitIntact();
        TreeHead before = heads.publish("before the rewrite", true);
        assertThat(before.signatureValid()).isTrue();
        JsonNode extends_ = get("/api/audit/consistency?fromSize=" + before.size() + "&fromRoot=" + before.rootHash());
        assertThat(extends_.get("consistent").asBoolean())
                .as(extends_.toString())
                .isTrue();

        Long victim = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%DelegateRegisteredEvent' ORDER BY sequencenumber OFFSET 1 LIMIT 1",
                Long.class, congress);
        long victimPosition =
                jdbc.queryForObject("SELECT position FROM event_chain WHERE global_index = ?", Long.class, victim);
        byte[] original =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, victim);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'Đại biểu 2', 'Kẻ giả mạo'), 'UTF8') WHERE globalindex = ?",
                victim);
        try {
            rechain(); // what 15 lines of PL/pgSQL did: every link recomputed, the chain alone verifies again
            JsonNode verify = get("/api/audit/verify");
            assertThat(verify.get("brokenAtPosition").isNull()).isTrue();
            assertThat(verify.get("intact").asBoolean()).isFalse();
            JsonNode check = verify.get("treeHeads");
            assertThat(check.get("lastReproducedSize").asLong()).isLessThan(victimPosition);
            assertThat(check.get("firstDifferingSize").asLong()).isGreaterThanOrEqualTo(victimPosition);

            JsonNode paper = get("/api/audit/consistency?fromSize=" + before.size() + "&fromRoot=" + before.rootHash());
            assertThat(paper.get("consistent").asBoolean()).isFalse();
            assertThat(paper.get("reason").asText()).contains("first differing leaf");
            assertThat(paper.get("heads").get("firstDifferingSize").asLong()).isGreaterThanOrEqualTo(victimPosition);

            try (Connection connection = dataSource.getConnection()) {
                assertThat(VerifyLogCli.run(connection, before.size(), before.rootHash(), before.keyId()))
                        .isEqualTo(1);
            }
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, victim);
            rechain();
        }
        awaitIntact();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(VerifyLogCli.run(connection, before.size(), before.rootHash(), before.keyId()))
                    .isEqualTo(0);
        }
        JsonNode inclusion = get("/api/audit/proof/inclusion?leafIndex=" + (victimPosition - 1));
        assertThat(inclusion.get("included").asBoolean()).isTrue();
        assertThat(inclusion.get("globalIndex").asLong()).isEqualTo(victim);
    }

    /** Recomputes every link of the chain from the events as they are now, as an insider with SQL can. */
    private void rechain() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            List<Object[]> links = new ArrayList<>();
            try (PreparedStatement walk = connection.prepareStatement(
                            "SELECT c.position, " + LogIntegrity.prefixed()
                                    + " FROM event_chain c JOIN domainevententry e ON e.globalindex = c.global_index ORDER BY c.position");
                    ResultSet rs = walk.executeQuery()) {
                byte[] previous = LogChain.GENESIS;
                while (rs.next()) {
                    previous = LogChain.link(previous, LogChain.canonical(rs));
                    links.add(new Object[] {previous, rs.getLong("position")});
                }
            }
            jdbc.batchUpdate("UPDATE event_chain SET hash = ? WHERE position = ?", links);
        }
    }

    private void awaitIntact() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode v = get("/api/audit/verify");
            assertThat(v.get("intact").asBoolean()).as(v.toString()).isTrue();
            assertThat(v.get("unchainedEvents").asLong()).isZero();
        });
    }

    private String convene(int delegates) throws Exception {
        String congress = "insider-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội\"}");
        for (int d = 1; d <= delegates; d++) {
            post(
                    "/api/congresses/" + congress + "/delegates",
                    "{\"delegateId\":\"D00" + d + "\",\"fullName\":\"Đại biểu " + d + "\",\"organisation\":\"SYT\"}");
            post("/api/congresses/" + congress + "/delegates/D00" + d + "/credentials", "{\"decision\":\"ACCEPT\"}");
        }
        post("/api/congresses/" + congress + "/credentials/complete", "");
        post("/api/congresses/" + congress + "/session/open", "");
        for (int d = 1; d <= delegates; d++) {
            api().checkInAndSignIn(congress, "D00" + d);
        }
        return congress;
    }

    private JsonNode get(String path) throws Exception {
        Answer response = api().send("GET", path, null, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(String path, String body) throws Exception {
        Answer response = api().send("POST", path, body, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
    }
}
