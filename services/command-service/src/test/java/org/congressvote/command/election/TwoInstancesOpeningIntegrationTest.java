package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.command.web.CommandSender;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The opening of a box when the committee's requests reach two command-service instances (the second is a second
 * {@link CountingCommittee} on the same database and command bus, as another process would be): shares presented to
 * one are not seen by the other, so the opening stalls rather than open with fewer than k, and the instance left
 * with shares of a round closed elsewhere forgets them.
 */
class TwoInstancesOpeningIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandSender commands;

    @Autowired
    RoundKeyRing keys;

    @Autowired
    BallotBox box;

    @Autowired
    org.congressvote.command.CommandServiceProperties properties;

    @Test
    void sharesSplitBetweenTwoInstancesStallTheOpeningAndAreForgottenOnceTheRoundClosesElsewhere() throws Exception {
        TestApi api = api();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String congress = "two-" + tag;
        api.convene(congress, 3);
        String member = "kp-" + tag;
        api.post(
                "/api/auth/accounts",
                "{\"username\":\"" + member + "\",\"password\":\"counting-password-1\",\"role\":\"COUNTING\"}");
        String token = JSON.readTree(api.send(
                                "POST",
                                "/api/auth/login",
                                "{\"username\":\"" + member + "\",\"password\":\"counting-password-1\"}",
                                null)
                        .body())
                .get("token")
                .asText();
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Bầu BCH\",\"seats\":1}");
        api.post(
                "/api/elections/" + election + "/rounds",
                "{\"candidates\":[{\"candidateId\":\"A" + tag + "\",\"fullName\":\"Ứng viên A\"},"
                        + "{\"candidateId\":\"B" + tag + "\",\"fullName\":\"Ứng viên B\"}]}");
        Answer ceremony = api.send(
                "POST",
                "/api/elections/" + election + "/key",
                "{\"sharesRequired\":2,\"holders\":[\"m1\",\"m2\",\"m3\"]}",
                token);
        assertThat(ceremony.statusCode()).as(ceremony.body()).isEqualTo(201);
        List<String> shares = new ArrayList<>();
        JSON.readTree(ceremony.body())
                .get("shares")
                .forEach(s -> shares.add(s.get("share").asText()));
        api.post("/api/elections/" + election + "/open", "");
        for (int d = 1; d <= 3; d++) {
            assertThat(api.asDelegate(
                                    congress,
                                    TestApi.delegateId(d),
                                    "/api/rounds/" + election + "-r1/ballots",
                                    "{\"kept\":[\"A" + tag + "\"]}")
                            .statusCode())
                    .isEqualTo(201);
        }

        CountingCommittee other = new CountingCommittee(jdbc, commands, keys, box, properties);
        // member 1's share reaches the other instance, member 2's this one: neither holds 2 of 2
        assertThat(other.present(election, shares.get(0), "m1").closed()).isFalse();
        Answer second = present(api, election, shares.get(1), token);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode stalled = JSON.readTree(second.body());
        assertThat(stalled.get("closed").asBoolean()).isFalse();
        assertThat(stalled.get("presented").asInt()).isEqualTo(1);
        Answer close = api.send("POST", "/api/elections/" + election + "/close", "", api.admin());
        assertThat(close.statusCode()).isEqualTo(409);
        assertThat(close.body()).contains("KEY_SHARES_MISSING");

        // member 1 presents again, through the pinned route: this instance opens the box
        Answer again = present(api, election, shares.get(0), token);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("closed").asBoolean()).isTrue();

        // the other instance still held member 1's share of the closed round: it forgets it at its next request
        assertThat(other.roundsHeld()).isEqualTo(1);
        assertThatThrownBy(() -> other.status(election)).isInstanceOf(DomainRuleViolation.class);
        assertThat(other.roundsHeld()).isZero();
    }

    private static Answer present(TestApi api, String election, String share, String token) throws Exception {
        return api.send("POST", "/api/elections/" + election + "/shares", "{\"share\":\"" + share + "\"}", token);
    }
}
