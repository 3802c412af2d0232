package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A success answer means the request's events, and everything written in their transaction, are committed; a retry
 * of a stored request gets the original answer whatever happened since (issue 11).
 */
class EveryAnswerIsStoredIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private CommandGateway gateway;

    private TestApi api;

    @BeforeEach
    void setUp() {
        api = api();
    }

    private String newCongress(String prefix) throws Exception {
        String congress = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/congresses", "{\"congressId\":\"" + congress + "\",\"name\":\"Đại hội thử\"}");
        return congress;
    }

    private List<Long> storedSequence(String aggregate) {
        return jdbc.queryForList(
                "SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ? "
                        + "ORDER BY sequencenumber",
                Long.class,
                aggregate);
    }

    @Test
    void aHandlerFailureInTheCommandsTransactionFailsTheCommandAndLeavesNoTrace() throws Exception {
        String congress = newCongress("gate-fail");
        // Past the edge's limits (a command sent straight to the bus): the voting gate's column refuses the name.
        String tooLong = "Nguyễn ".repeat(60);

        assertThatThrownBy(
                        () -> gateway.sendAndWait(new RegisterDelegateCommand(congress, "D001", tooLong, "Chi bộ 1")))
                .isNotNull();

        assertThat(storedSequence(congress))
                .as("nothing of the failed command is stored")
                .containsExactly(0L);
        // The aggregate cache did not keep the lost event: the same delegate can be registered, at the next number.
        api.post(
                "/api/congresses/" + congress + "/delegates",
                "{\"delegateId\":\"D001\",\"fullName\":\"Nguyễn Văn A\",\"organisation\":\"Chi bộ 1\"}");
        api.post("/api/congresses/" + congress + "/delegates/D001/credentials", "{\"decision\":\"ACCEPT\"}");
        assertThat(storedSequence(congress))
                .as("no gap in the congress's sequence")
                .containsExactly(0L, 1L, 2L);
        assertThat(jdbc.queryForObject(
                        "SELECT full_name FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                        String.class,
                        congress,
                        "D001"))
                .isEqualTo("Nguyễn Văn A");
    }

    @Test
    void aValueTheStoreRefusesIsAProblemNeverA201() throws Exception {
        String congress = newCongress("nul-name");

        Answer nul = api.send(
                "POST",
                "/api/congresses/" + congress + "/delegates",
                "{\"delegateId\":\"D001\",\"fullName\":\"Nguy\\u0000n\",\"organisation\":\"Chi bộ 1\"}",
                api.admin());

        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(storedSequence(congress)).containsExactly(0L);
        Answer good = api.send(
                "POST",
                "/api/congresses/" + congress + "/delegates",
                "{\"delegateId\":\"D001\",\"fullName\":\"Nguyễn\",\"organisation\":\"Chi bộ 1\"}",
                api.admin());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        assertThat(storedSequence(congress)).containsExactly(0L, 1L);
    }

    @Test
    void aRetriedVoteGetsItsOriginalAnswerAfterTheMotionClosed() throws Exception {
        String congress = "retry-closed-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = openMotion(congress, 2);
        String body = "{\"choice\":\"AGREE\",\"requestId\":\"phone-1\"}";
        Answer first = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        api.post("/api/motions/" + motion + "/close", "");

        Answer retry = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        Answer late = api.asDelegate(
                congress,
                "D002",
                "/api/motions/" + motion + "/votes",
                "{\"choice\":\"AGREE\",\"requestId\":\"phone-2\"}");

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("MOTION_NOT_OPEN");
    }

    @Test
    void aRetriedVoteGetsItsOriginalAnswerAfterCheckOutAndACardReissue() throws Exception {
        String congress = "retry-card-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = openMotion(congress, 1);
        String body = "{\"choice\":\"DISAGREE\",\"requestId\":\"phone-7\"}";
        Answer first = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        api.post("/api/congresses/" + congress + "/delegates/D001/check-out", "{\"reason\":\"left the hall\"}");
        Answer afterCheckOut = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        String code = api.post("/api/congresses/" + congress + "/delegates/D001/card", "{\"reason\":\"card lost\"}")
                .get("credentialCode")
                .asText();
        Answer oldSession = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        api.signIn(congress, "D001", code);
        Answer newSession = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", body);
        Answer otherRequest = api.asDelegate(
                congress,
                "D001",
                "/api/motions/" + motion + "/votes",
                "{\"choice\":\"AGREE\",\"requestId\":\"phone-8\"}");

        assertThat(afterCheckOut.statusCode()).as(afterCheckOut.body()).isEqualTo(201);
        assertThat(JSON.readTree(afterCheckOut.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(oldSession.statusCode())
                .as("the re-issue revoked the old session")
                .isEqualTo(401);
        assertThat(newSession.statusCode()).as(newSession.body()).isEqualTo(201);
        assertThat(JSON.readTree(newSession.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(otherRequest.statusCode()).isEqualTo(409);
        assertThat(otherRequest.body()).contains("DELEGATE_NOT_PRESENT");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ?",
                        Long.class,
                        "vote:" + motion + ":%"))
                .isEqualTo(1L);
    }

    @Test
    void aRetriedBallotGetsItsOriginalAnswerAfterTheRoundClosed() throws Exception {
        String congress = "retry-ballot-" + UUID.randomUUID().toString().substring(0, 8);
        api.convene(congress, 2);
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Ban Chấp hành\",\"seats\":1}");
        api.post(
                "/api/elections/" + election + "/rounds",
                "{\"candidates\":[{\"candidateId\":\"C1\",\"fullName\":\"Lê Văn C\"},{\"candidateId\":\"C2\",\"fullName\":\"Trần Thị D\"}]}");
        api.post("/api/elections/" + election + "/open", "");
        String round = election + "-r1";
        String body = "{\"kept\":[\"C1\"],\"requestId\":\"booth-1\"}";
        Answer first = api.asDelegate(congress, "D001", "/api/rounds/" + round + "/ballots", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        api.post("/api/elections/" + election + "/close", "");

        Answer retry = api.asDelegate(congress, "D001", "/api/rounds/" + round + "/ballots", body);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body()).get("retry").asBoolean()).isTrue();
        assertThat(JSON.readTree(retry.body()).get("roundId").asText()).isEqualTo(round);
    }

    private String openMotion(String congress, int delegates) throws Exception {
        api.convene(congress, delegates);
        String motion = congress + "-m1";
        api.post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}");
        api.post("/api/motions/" + motion + "/open", "");
        return motion;
    }
}
