package org.congressvote.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Past the commands the service can run at once, a phone is told to send again (503 OVERLOADED, Retry-After) and its
 * retry with the same requestId is counted once. One command at a time, none waiting: a vote held in the store (its
 * table locked by the test) fills the service.
 */
@TestPropertySource(
        properties = {
            "congress.web.admission.concurrency=1",
            "congress.web.admission.queue=0",
            "congress.web.admission.retry-after=3s"
        })
class OverloadIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DataSource dataSource;

    @Test
    void aVotePastTheLimitIsRefusedWithOverloadedAndItsRetryIsCountedOnce() throws Exception {
        TestApi api = api();
        String congress = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        api.convene(congress, 2);
        String motion = congress + "-m1";
        api.post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}");
        api.post("/api/motions/" + motion + "/open", "");
        String votes = "/api/motions/" + motion + "/votes";
        String first = "{\"choice\":\"AGREE\",\"requestId\":\"phone-1\"}";
        String second = "{\"choice\":\"DISAGREE\",\"requestId\":\"phone-2\"}";

        Answer refused;
        CompletableFuture<Answer> held;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // reads go on; the first vote's insert waits, keeping the one place to run
                statement.execute("LOCK TABLE domainevententry IN SHARE ROW EXCLUSIVE MODE");
            }
            held = CompletableFuture.supplyAsync(() -> send(api, congress, "D001", votes, first));
            await().atMost(Duration.ofSeconds(60)).until(this::aStatementWaitsForTheLock);

            refused = send(api, congress, "D002", votes, second);
            Answer health = api.send("GET", "/actuator/health", null, null);
            assertThat(health.statusCode()).as("reads are never shed").isEqualTo(200);
            lock.rollback();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("OVERLOADED");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("nothing was changed");
        assertThat(storedVotesBy("D002", motion))
                .as("a refused vote changes nothing")
                .isZero();

        Answer firstAnswer = held.get(60, TimeUnit.SECONDS);
        assertThat(firstAnswer.statusCode()).as(firstAnswer.body()).isEqualTo(201);
        Answer retried = send(api, congress, "D002", votes, second);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        // the first phone never saw its answer (say) and sends again: the same vote, not a second one
        Answer firstAgain = send(api, congress, "D001", votes, first);
        assertThat(firstAgain.statusCode()).isEqualTo(201);
        assertThat(firstAgain.body()).isEqualTo(firstAnswer.body());
        Answer secondAgain = send(api, congress, "D002", votes, second);
        assertThat(secondAgain.body()).isEqualTo(retried.body());

        assertThat(storedVotesBy("D001", motion)).isEqualTo(1);
        assertThat(storedVotesBy("D002", motion)).isEqualTo(1);
        List<String> listed = api.get(votes).get("votes").findValuesAsText("delegateId");
        assertThat(listed).containsExactlyInAnyOrder("D001", "D002");
    }

    private static Answer send(TestApi api, String congress, String delegate, String path, String body) {
        try {
            return api.asDelegate(congress, delegate, path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean aStatementWaitsForTheLock() {
        Integer waiting = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%insert%'",
                Integer.class);
        return waiting != null && waiting > 0;
    }

    private long storedVotesBy(String delegate, String motion) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%VoteCastEvent'",
                Long.class, "vote:" + motion + ":" + delegate);
        return count == null ? 0 : count;
    }
}
