package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.congressvote.command.RealServersTest;
import org.congressvote.infra.RealServers;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An insider with SQL on the real PostgreSQL deletes a published vote, alters a published event, and slips in rows
 * the publisher never reads; the cross-check against the Kafka topic names each. Every change is undone at the end.
 */
class CrossCheckInsiderIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DataSource dataSource;

    @Test
    void aDeletedVoteAnAlteredEventAndAnUnpublishedRowAreNamedAgainstTheTopic() throws Exception {
        String congress = "cross-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 2);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        String vote = "vote:" + motion + ":D001";
        awaitAgreement();

        // 1. the DBA deletes the vote: Kafka still has it
        Map<String, Object> row =
                jdbc.queryForMap("SELECT * FROM domainevententry WHERE aggregateidentifier = ?", vote);
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ?", vote);
        try {
            JsonNode report = crossCheck();
            assertThat(report.get("consistent").asBoolean()).isFalse();
            assertThat(report.get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("MISSING_IN_POSTGRESQL");
                assertThat(a.get("eventId").asText()).isEqualTo(row.get("eventidentifier"));
                assertThat(a.get("aggregateId").asText()).isEqualTo(vote);
                assertThat(a.get("sequence").asLong()).isZero();
            });
            try (Connection connection = dataSource.getConnection()) {
                assertThat(VerifyLogCli.crossCheck(
                                connection, RealServers.kafkaBootstrap(), "congress-events", CrossCheck.GRACE))
                        .isEqualTo(1);
            }
        } finally {
            jdbc.update(
                    "INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                            + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.get("globalindex"),
                    row.get("aggregateidentifier"),
                    row.get("sequencenumber"),
                    row.get("type"),
                    row.get("eventidentifier"),
                    row.get("metadata"),
                    row.get("payload"),
                    row.get("payloadrevision"),
                    row.get("payloadtype"),
                    row.get("timestamp"));
        }
        awaitAgreement();

        // 2. the DBA renames a delegate in a published event
        long victim = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%DelegateRegisteredEvent' ORDER BY sequencenumber LIMIT 1",
                Long.class, congress);
        byte[] original =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, victim);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'Đại biểu 1', 'Kẻ giả mạo'), 'UTF8') WHERE globalindex = ?",
                victim);
        try {
            JsonNode report = crossCheck();
            assertThat(report.get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("DIFFERENT");
                assertThat(a.get("globalIndex").asLong()).isEqualTo(victim);
                assertThat(a.get("aggregateId").asText()).isEqualTo(congress);
                assertThat(a.get("detail").asText()).contains("payload").doesNotContain("sequence");
            });
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, victim);
        }
        awaitAgreement();

        // 3. rows the publisher never reads (global index <= 0): pending within the grace period, then missing
        String copy =
                "INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, "
                        + "type, payloadtype, payloadrevision, timestamp, payload, metadata) SELECT ?, ?, ?, 0, type, "
                        + "payloadtype, payloadrevision, ?, convert_to(replace(convert_from(payload, 'UTF8'), 'D001', 'D002'), "
                        + "'UTF8'), metadata FROM domainevententry WHERE aggregateidentifier = ?";
        String fresh = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        jdbc.update(copy, -2L, fresh, "vote:" + motion + ":D002", Instant.now().toString(), vote);
        jdbc.update(
                copy,
                -3L,
                old,
                "vote:" + motion + ":D002x",
                Instant.now().minusSeconds(300).toString(),
                vote);
        try {
            JsonNode report = crossCheck();
            assertThat(report.get("pending").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(report.get("anomalies"))
                    .noneSatisfy(a -> assertThat(a.get("eventId").asText()).isEqualTo(fresh));
            assertThat(report.get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("MISSING_IN_KAFKA");
                assertThat(a.get("eventId").asText()).isEqualTo(old);
                assertThat(a.get("globalIndex").asLong()).isEqualTo(-3);
            });
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex IN (-2, -3)");
        }
        awaitAgreement();
    }

    @Test
    void theCheckpointedCrossCheckComparesOnlyWhatIsNewAndAnEditBehindItIsLeftToTheChain() throws Exception {
        String congress = "xinc-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 3);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Biểu quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        awaitAgreement(); // a full check: the checkpoint is where the chain was then

        // 1. the next check compares only what came since
        JsonNode since = incrementalCheck();
        assertThat(since.get("mode").asText()).isEqualTo("INCREMENTAL");
        assertThat(since.get("consistent").asBoolean()).as(since.toString()).isTrue();
        long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertThat(since.get("postgresEvents").asLong()).isLessThan(total);

        // 2. a new vote is compared by the next checks, and an edit of it after it was chained is named DIFFERENT
        assertThat(api().asDelegate(congress, "D002", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        long fresh = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class,
                "vote:" + motion + ":D002");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !jdbc.queryForList("SELECT 1 FROM event_chain WHERE global_index = ?", fresh)
                        .isEmpty());
        byte[] original =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, fresh);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'AGREE', "
                        + "'DISAGREE'), 'UTF8') WHERE globalindex = ?",
                fresh);
        try {
            JsonNode report = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(this::incrementalCheck, r -> !r.get("consistent").asBoolean());
            assertThat(report.get("mode").asText()).isEqualTo("INCREMENTAL");
            assertThat(report.get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("DIFFERENT");
                assertThat(a.get("globalIndex").asLong()).isEqualTo(fresh);
                assertThat(a.get("detail").asText()).contains("payload");
            });
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, fresh);
        }
        // a finding is named again by every check until a full re-check, which clears it
        JsonNode again = incrementalCheck();
        assertThat(again.get("anomalies"))
                .anySatisfy(a -> assertThat(a.get("globalIndex").asLong()).isEqualTo(fresh));
        awaitAgreement();

        // 3. an edit behind the checkpoint that leaves the chain as it was: not re-read by the checkpointed check,
        // caught by the chain (verification names its position) and named by a full re-check
        long behind = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class,
                "vote:" + motion + ":D001");
        byte[] behindOriginal =
                jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, behind);
        jdbc.update(
                "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'AGREE', "
                        + "'DISAGREE'), 'UTF8') WHERE globalindex = ?",
                behind);
        try {
            JsonNode quick = incrementalCheck();
            assertThat(quick.get("mode").asText()).isEqualTo("INCREMENTAL");
            assertThat(quick.get("anomalies"))
                    .noneSatisfy(a -> assertThat(a.get("globalIndex").asLong()).isEqualTo(behind));
            JsonNode verify = JSON.readTree(
                    api().send("GET", "/api/audit/verify", null, api().admin()).body());
            assertThat(verify.get("intact").asBoolean()).isFalse();
            assertThat(verify.get("brokenAtGlobalIndex").asLong()).isEqualTo(behind);
            assertThat(crossCheck().get("anomalies")).anySatisfy(a -> {
                assertThat(a.get("kind").asText()).isEqualTo("DIFFERENT");
                assertThat(a.get("globalIndex").asLong()).isEqualTo(behind);
            });
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", behindOriginal, behind);
        }
        awaitAgreement();

        // 4. the chain rewritten at the checkpoint: the checkpoint is not trusted, everything is compared again
        long position =
                jdbc.queryForObject("SELECT chain_position FROM cross_check_checkpoint WHERE id = 1", Long.class);
        byte[] link = jdbc.queryForObject("SELECT hash FROM event_chain WHERE position = ?", byte[].class, position);
        jdbc.update("UPDATE event_chain SET hash = sha256(hash) WHERE position = ?", position);
        try {
            JsonNode rewritten = incrementalCheck();
            assertThat(rewritten.get("mode").asText()).isEqualTo("FULL");
            assertThat(rewritten.get("note").asText()).contains("position " + position);
        } finally {
            jdbc.update("UPDATE event_chain SET hash = ? WHERE position = ?", link, position);
        }
        awaitAgreement();
    }

    private JsonNode incrementalCheck() throws Exception {
        Answer response = api().send("GET", "/api/audit/cross-check", null, api().admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitAgreement() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode report = crossCheck();
                    assertThat(report.get("anomalies")).as(report.toString()).isEmpty();
                    assertThat(report.get("pending").asLong()).isZero();
                    assertThat(report.get("consistent").asBoolean()).isTrue();
                    assertThat(report.get("postgresEvents").asLong()).isPositive();
                });
    }

    private JsonNode crossCheck() throws Exception {
        Answer response = api().send("GET", "/api/audit/cross-check?full=true", null, api().admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
