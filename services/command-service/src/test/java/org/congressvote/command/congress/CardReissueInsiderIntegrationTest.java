package org.congressvote.command.congress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * A credentials clerk, a real staff account, re-issues a delegate's card, signs in with it and votes as the delegate.
 * The vote still counts (nothing tells it apart from the delegate's own), but the re-issue is in the log with the
 * clerk's name and reason, on the delegate's phone, beside the vote on the console and in the minutes.
 */
class CardReissueInsiderIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClerkWhoReissuesACardAndVotesWithItIsNamedInTheLogOnThePhoneOnTheConsoleAndInTheMinutes() throws Exception {
        String congress = "reissue-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 2);
        api().post(
                        "/api/congresses/" + congress + "/motions",
                        "{\"motionId\":\"" + motion + "\",\"title\":\"Nghị quyết\"}");
        api().post("/api/motions/" + motion + "/open", "");
        String clerk = "clerk-" + UUID.randomUUID().toString().substring(0, 6);
        api().post(
                        "/api/auth/accounts",
                        "{\"username\":\"" + clerk + "\",\"password\":\"clerk-password-12\","
                                + "\"role\":\"CREDENTIALS\"}");
        Answer login = api().send(
                        "POST",
                        "/api/auth/login",
                        "{\"username\":\"" + clerk + "\",\"password\":\"clerk-password-12\"}",
                        null);
        String clerkToken = JSON.readTree(login.body()).get("token").asText();
        String card = "/api/congresses/" + congress + "/delegates/D001/card";

        Answer noReason = api().send("POST", card, "", clerkToken);
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                                + "AND payloadtype LIKE '%CardReissuedEvent'",
                        Long.class, congress))
                .isZero();

        Answer reissued = api().send("POST", card, "{\"reason\":\"the delegate lost it\"}", clerkToken);
        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(200);
        String phone = api().signIn(
                        congress,
                        "D001",
                        JSON.readTree(reissued.body()).get("credentialCode").asText());
        assertThat(api().asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(api().asDelegate(congress, "D002", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}")
                        .statusCode())
                .isEqualTo(201);

        // the record itself, as SQL sees it: the event with the clerk as its actor, and no card code in it
        String stored = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') || convert_from(metadata, 'UTF8') "
                        + "FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%CardReissuedEvent'",
                String.class, congress);
        assertThat(stored)
                .contains("\"actor\":\"" + clerk + "\"")
                .contains("\"role\":\"credentials\"")
                .contains("the delegate lost it")
                .doesNotContain(
                        JSON.readTree(reissued.body()).get("credentialCode").asText());

        JsonNode audit = api().get("/api/audit/events?type=CardReissuedEvent&delegate=D001");
        assertThat(audit.get("events")).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo(clerk);
            assertThat(e.get("data").get("reason").asText()).isEqualTo("the delegate lost it");
        });

        Answer me = api().send("GET", "/api/delegate/me", null, phone);
        JsonNode actions = JSON.readTree(me.body()).get("staffActions");
        assertThat(actions).anySatisfy(a -> {
            assertThat(a.get("kind").asText()).isEqualTo("CARD_REISSUED");
            assertThat(a.get("actor").asText()).isEqualTo(clerk);
            assertThat(a.get("role").asText()).isEqualTo("credentials");
            assertThat(a.get("reason").asText()).isEqualTo("the delegate lost it");
            assertThat(a.get("at").asText()).isNotBlank();
        });
        JsonNode otherPhone = JSON.readTree(api().send("GET", "/api/delegate/me", null, api().tokenOf(congress, "D002"))
                .body());
        assertThat(otherPhone.get("staffActions")).isEmpty();

        JsonNode named = api().get("/api/motions/" + motion + "/votes").get("votes");
        assertThat(named).anySatisfy(v -> {
            assertThat(v.get("delegateId").asText()).isEqualTo("D001");
            assertThat(v.get("flags").get(0).get("code").asText()).isEqualTo("VOTE_AFTER_CARD_REISSUE");
            assertThat(v.get("flags").get(0).get("reissuedBy").asText()).isEqualTo(clerk);
        });
        assertThat(named).anySatisfy(v -> {
            assertThat(v.get("delegateId").asText()).isEqualTo("D002");
            assertThat(v.get("flags")).isEmpty();
        });

        api().post("/api/motions/" + motion + "/close", "");
        JsonNode minutes = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Answer m = api().send("GET", "/api/minutes/motions/" + motion, null, api().admin());
                            return m.statusCode() == 200 ? JSON.readTree(m.body()) : null;
                        },
                        m -> m != null);
        assertThat(minutes.get("reissueFlagMinutes").asLong()).isEqualTo(15);
        assertThat(minutes.get("votesAfterCardReissue")).hasSize(1);
        assertThat(minutes.get("votesAfterCardReissue").get(0).get("delegateId").asText())
                .isEqualTo("D001");
        assertThat(minutes.get("votesAfterCardReissue").get(0).get("reissuedBy").asText())
                .isEqualTo(clerk);
        HttpResponse<byte[]> pdf = api().download("/api/minutes/motions/" + motion + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
    }

    @Test
    void checkOutAndAbsenceNeedAReasonAndShowItOnThePhone() throws Exception {
        String congress = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
        api().convene(congress, 2);
        String checkOut = "/api/congresses/" + congress + "/delegates/D002/check-out";
        assertThat(api().send("POST", checkOut, "", api().admin()).statusCode()).isEqualTo(400);
        assertThat(api().send("POST", checkOut, "{}", api().admin()).statusCode())
                .isEqualTo(400);
        api().post(checkOut, "{\"reason\":\"went to the clinic\"}");
        JsonNode me = JSON.readTree(api().send("GET", "/api/delegate/me", null, api().tokenOf(congress, "D002"))
                .body());
        assertThat(me.get("present").asBoolean()).isFalse();
        assertThat(me.get("staffActions")).anySatisfy(a -> {
            assertThat(a.get("kind").asText()).isEqualTo("CHECKED_OUT");
            assertThat(a.get("actor").asText()).isEqualTo("admin");
            assertThat(a.get("reason").asText()).isEqualTo("went to the clinic");
        });
    }
}
