package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * Nominations, the seats and the surplus, a withdrawal and the list, each decided by show of hands through the API
 * on the real servers; the first round opens on the approved list only.
 */
class NominationsAndListIntegrationTest extends RealServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void congressDecidesSeatsWithdrawalAndListByShowOfHandsAndTheRoundOpensOnTheApprovedList() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi api = api();
        api.convene(congress, 5); // more than half of 5 summoned: 3
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election
                        + "\",\"title\":\"Ban Chấp hành\",\"seats\":0,\"procedure\":\"SEATS_VOTED\"}");
        String e = "/api/elections/" + election;

        refused(e + "/list", "{\"candidateIds\":[\"D001\"]}", 409, "SEATS_NOT_DECIDED");
        refused(e + "/rounds", "{}", 409, "LIST_NOT_APPROVED");

        api.post(
                e + "/nominations",
                "{\"candidateId\":\"D001\",\"fullName\":\"Đại biểu 1\",\"kind\":\"SELF\","
                        + "\"nominatedBy\":\"D001\"}");
        api.post(
                e + "/nominations",
                "{\"candidateId\":\"D002\",\"fullName\":\"Đại biểu 2\",\"kind\":\"DELEGATE\","
                        + "\"nominatedBy\":\"D001\"}");
        refused(
                e + "/nominations",
                "{\"candidateId\":\"M1\",\"fullName\":\"Trần Cường\",\"kind\":\"DELEGATE\",\"nominatedBy\":\"D002\"}",
                422,
                "CONSENT_MISSING");
        api.post(
                e + "/nominations",
                "{\"candidateId\":\"M1\",\"fullName\":\"Trần Cường\",\"kind\":\"DELEGATE\","
                        + "\"nominatedBy\":\"D002\",\"consent\":\"đơn đồng ý ngày 1/12\"}");
        refused(
                e + "/nominations",
                "{\"candidateId\":\"D002\",\"fullName\":\"Đại biểu 2\",\"kind\":\"SELF\",\"nominatedBy\":\"D002\"}",
                409,
                "ALREADY_NOMINATED");
        for (String id : List.of("D003", "D004", "D005")) {
            api.post(
                    e + "/nominations",
                    "{\"candidateId\":\"" + id + "\",\"fullName\":\"Đại biểu " + id + "\",\"kind\":\"PRESIDIUM\"}");
        }
        api.post(
                e + "/nominations",
                "{\"candidateId\":\"M2\",\"fullName\":\"Võ Dung\",\"kind\":\"PRESIDIUM\","
                        + "\"consent\":\"đồng ý tại hội nghị\"}");

        // 30 % of 4 seats is 1.2: a surplus of 2 is refused with the figures, 1 is put to the congress.
        JsonNode tooMany = refused(e + "/seats", "{\"seats\":4,\"surplus\":2}", 422, "LIST_TOO_LONG");
        assertThat(tooMany.get("maxSurplus").asLong()).isEqualTo(1);
        assertThat(tooMany.get("seats").asLong()).isEqualTo(4);
        JsonNode seats = api.post(e + "/seats", "{\"seats\":4,\"surplus\":1}");
        assertThat(seats.get("title").asText()).isEqualTo("Ban Chấp hành: số lượng 4, số dư 1");
        refused(e + "/withdrawals", "{\"candidateId\":\"D004\"}", 409, "PROPOSAL_PENDING");
        showOfHands(api, congress, seats.get("motionId").asText(), 3);

        JsonNode withdrawal = api.post(e + "/withdrawals", "{\"candidateId\":\"D004\",\"reason\":\"sức khỏe\"}");
        showOfHands(api, congress, withdrawal.get("motionId").asText(), 2); // 2 of 5: not adopted
        JsonNode again = api.post(e + "/withdrawals", "{\"candidateId\":\"D004\",\"reason\":\"sức khỏe\"}");
        showOfHands(api, congress, again.get("motionId").asText(), 4);

        refused(e + "/list", "{\"candidateIds\":[\"D001\",\"D004\"]}", 409, "NOT_NOMINATED");
        JsonNode tooLong = refused(
                e + "/list",
                "{\"candidateIds\":[\"D001\",\"D002\",\"M1\",\"D003\",\"D005\",\"M2\"]}",
                422,
                "LIST_TOO_LONG");
        assertThat(tooLong.get("listed").asLong()).isEqualTo(6);
        assertThat(tooLong.get("maxListed").asLong()).isEqualTo(5);
        assertThat(tooLong.get("detail").asText())
                .contains("6 names for 4 seats")
                .contains("4 + 1 = 5");

        JsonNode list = api.post(e + "/list", "{\"candidateIds\":[\"D002\",\"D001\",\"M1\",\"D003\",\"M2\"]}");
        refused(e + "/rounds", "{}", 409, "LIST_NOT_APPROVED");
        showOfHands(api, congress, list.get("motionId").asText(), 5);
        refused(
                e + "/nominations",
                "{\"candidateId\":\"D005\",\"fullName\":\"x\",\"kind\":\"SELF\",\"nominatedBy\":\"D005\"}",
                409,
                "ELECTION_STATE");

        api.post(e + "/rounds", "{}");
        JsonNode started = payloads(election, "RoundStartedEvent").get(0);
        assertThat(started.get("seats").asInt()).isEqualTo(4);
        assertThat(started.get("candidates"))
                .extracting(c -> c.get("candidateId").asText())
                .containsExactly("D002", "D001", "M1", "D003", "M2");
        assertThat(payloadTypes(election))
                .containsSubsequence(
                        "ElectionCreatedEvent",
                        "SeatsProposedEvent",
                        "SeatsDecidedEvent",
                        "WithdrawalRequestedEvent",
                        "ProposalRejectedEvent",
                        "WithdrawalRequestedEvent",
                        "CandidateWithdrawnEvent",
                        "ListProposedEvent",
                        "CandidateListApprovedEvent",
                        "RoundStartedEvent");
    }

    @Test
    void laterRoundListsOnlyCandidatesNotYetElectedAndNewNamesOnlyByTheCongressDecision() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi api = api();
        api.convene(congress, 5);
        String election = congress + "-dbtp";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election + "\",\"title\":\"Đoàn đại biểu\",\"seats\":4,"
                        + "\"procedure\":\"SEATS_ALLOCATED\"}");
        String e = "/api/elections/" + election;
        for (int d = 1; d <= 5; d++) {
            api.post(
                    e + "/nominations",
                    "{\"candidateId\":\"D00" + d + "\",\"fullName\":\"Đại biểu " + d + "\",\"kind\":\"PRESIDIUM\"}");
        }
        refused(e + "/seats", "{\"seats\":5,\"surplus\":1}", 409, "SEATS_ALLOCATED");
        showOfHands(
                api,
                congress,
                api.post(e + "/seats", "{\"seats\":0,\"surplus\":1}")
                        .get("motionId")
                        .asText(),
                3);
        String list = "{\"candidateIds\":[\"D001\",\"D002\",\"D003\",\"D004\",\"D005\"]}";
        showOfHands(api, congress, api.post(e + "/list", list).get("motionId").asText(), 3);

        api.post(e + "/rounds", "{}");
        api.post(e + "/open", "");
        String round1 = election + "-r1";
        for (int d = 1; d <= 5; d++) {
            Answer cast = api.asDelegate(
                    congress,
                    TestApi.delegateId(d),
                    "/api/rounds/" + round1 + "/ballots",
                    "{\"kept\":[\"D001\",\"D002\"],\"requestId\":\"r" + d + "\"}");
            assertThat(cast.statusCode()).as(cast.body()).isEqualTo(201);
        }
        api.post(e + "/close", "");
        assertThat(payloads(election, "RoundClosedEvent").get(0).get("elected"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("D001", "D002");

        refused(
                e + "/rounds",
                "{\"candidates\":[{\"candidateId\":\"D001\",\"fullName\":\"Đại biểu 1\"}]}",
                409,
                "CANDIDATE_ALREADY_ELECTED");
        refused(
                e + "/rounds",
                "{\"candidates\":[{\"candidateId\":\"D003\",\"fullName\":\"Đại biểu 3\"},"
                        + "{\"candidateId\":\"M7\",\"fullName\":\"Lý Bảy\"}]}",
                409,
                "NEW_NAMES_NOT_DECIDED");
        JsonNode added =
                api.post(e + "/new-names", "{\"candidates\":[{\"candidateId\":\"M7\",\"fullName\":\"Lý Bảy\"}]}");
        showOfHands(api, congress, added.get("motionId").asText(), 4);
        api.post(e + "/rounds", "{}");

        JsonNode round2 = payloads(election, "RoundStartedEvent").get(1);
        assertThat(round2.get("round").asInt()).isEqualTo(2);
        assertThat(round2.get("seats").asInt()).isEqualTo(2);
        assertThat(round2.get("candidates"))
                .extracting(c -> c.get("candidateId").asText())
                .containsExactly("D003", "D004", "D005", "M7");
        assertThat(round2.get("newNamesDecidedBy").asText())
                .isEqualTo(added.get("motionId").asText());
    }

    @Test
    void aDelegateSelfNominatesAndNominatesFromTheirOwnSessionOnly() throws Exception {
        String congress = "c-" + UUID.randomUUID().toString().substring(0, 8);
        TestApi api = api();
        api.convene(congress, 3);
        String election = congress + "-bch";
        api.post(
                "/api/congresses/" + congress + "/elections",
                "{\"electionId\":\"" + election
                        + "\",\"title\":\"Ban Chấp hành\",\"seats\":0,\"procedure\":\"SEATS_VOTED\"}");
        String path = "/api/delegate/elections/" + election + "/nominations";

        // ứng cử: the nominee and the nominator are the session's delegate, whatever the request says of them
        Answer self = api.asDelegate(
                congress, "D001", path, "{\"kind\":\"SELF\",\"candidateId\":\"D002\",\"fullName\":\"Ai đó\"}");
        assertThat(self.statusCode()).as(self.body()).isEqualTo(201);
        assertThat(JSON.readTree(self.body()).get("candidateId").asText()).isEqualTo("D001");
        // đề cử of a delegate: the roster's name, not the one typed
        Answer other = api.asDelegate(
                congress, "D001", path, "{\"kind\":\"DELEGATE\",\"candidateId\":\"D003\",\"fullName\":\"x\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        // đề cử of a member who is not a delegate: only with their consent; the same name again is the same person
        Answer noConsent =
                api.asDelegate(congress, "D002", path, "{\"kind\":\"DELEGATE\",\"fullName\":\"Trần Văn Mười\"}");
        assertThat(noConsent.statusCode()).as(noConsent.body()).isEqualTo(422);
        assertThat(JSON.readTree(noConsent.body()).get("code").asText()).isEqualTo("CONSENT_MISSING");
        Answer member = api.asDelegate(
                congress,
                "D002",
                path,
                "{\"kind\":\"DELEGATE\",\"fullName\":\"Trần Văn Mười\",\"consent\":\"đơn đồng ý ngày 2/12\"}");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
        Answer again = api.asDelegate(
                congress,
                "D003",
                path,
                "{\"kind\":\"DELEGATE\",\"fullName\":\"trần  văn mười\",\"consent\":\"đồng ý\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("ALREADY_NOMINATED");
        // the presidium's names are the secretariat's to record, and staff cannot nominate as a delegate
        Answer presidium = api.asDelegate(congress, "D003", path, "{\"kind\":\"PRESIDIUM\"}");
        assertThat(presidium.statusCode()).as(presidium.body()).isEqualTo(400);
        assertThat(api.send("POST", path, "{\"kind\":\"SELF\"}", api.admin()).statusCode())
                .isEqualTo(403);

        List<JsonNode> nominated = payloads(election, "CandidateNominatedEvent");
        assertThat(nominated)
                .extracting(
                        n -> n.get("candidateId").asText(),
                        n -> n.get("fullName").asText(),
                        n -> n.get("kind").asText(),
                        n -> n.get("nominatedBy").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("D001", "Đại biểu 1", "SELF", "D001"),
                        org.assertj.core.groups.Tuple.tuple("D003", "Đại biểu 3", "DELEGATE", "D001"),
                        org.assertj.core.groups.Tuple.tuple(
                                JSON.readTree(member.body()).get("candidateId").asText(),
                                "Trần Văn Mười",
                                "DELEGATE",
                                "D002"));
        assertThat(nominated.get(2).get("consent").asText()).isEqualTo("đơn đồng ý ngày 2/12");
    }

    private List<JsonNode> payloads(String election, String type) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (String payload : jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE ? ORDER BY sequencenumber",
                String.class,
                election,
                "%." + type)) {
            found.add(JSON.readTree(payload));
        }
        return found;
    }

    /** Opens the motion, {@code agree} of the 5 delegates vote for it, the rest against, and closes it. */
    private void showOfHands(TestApi api, String congress, String motionId, int agree) throws Exception {
        api.post("/api/motions/" + motionId + "/open", "");
        for (int d = 1; d <= 5; d++) {
            Answer vote = api.asDelegate(
                    congress,
                    TestApi.delegateId(d),
                    "/api/motions/" + motionId + "/votes",
                    "{\"choice\":\"" + (d <= agree ? "AGREE" : "DISAGREE") + "\"}");
            assertThat(vote.statusCode()).as(vote.body()).isEqualTo(201);
        }
        api.post("/api/motions/" + motionId + "/close", "");
    }

    private JsonNode refused(String path, String json, int status, String code) throws Exception {
        long before = events();
        Answer response = api().send("POST", path, json, api().admin());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(events()).as("a refusal stores nothing").isEqualTo(before);
        return problem;
    }

    private List<String> payloadTypes(String election) {
        return jdbc
                .queryForList(
                        "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                        String.class,
                        election)
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }
}
