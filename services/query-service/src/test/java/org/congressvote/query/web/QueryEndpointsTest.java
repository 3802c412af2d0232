package org.congressvote.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressResponse;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.CredentialsStatus;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.RosterResponse;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.FetchReceiptQuery;
import org.congressvote.api.election.PublishedBallot;
import org.congressvote.api.election.PublishedBallotsResponse;
import org.congressvote.api.election.ReceiptResponse;
import org.congressvote.api.election.RoundStatus;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionResult;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.MotionTallyResponse;
import org.congressvote.query.live.LiveDashboard;
import org.congressvote.query.live.LiveServer;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.recount.Recount;
import org.congressvote.query.recount.RecountReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract of the read side with the read model mocked: status codes and problem bodies. */
@WebMvcTest(properties = "congress.log-heads.read=false")
class QueryEndpointsTest {

    private static final Candidate K1 = new Candidate("k1", "Nguyễn Văn An");
    private static final String RECEIPT_HASH = "0f1e0f5e5e5ec16d2f5e4e5b2a5e0b95b3c6bd2b1f41a1a39c9b0b4ee4a7f7b6";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryGateway queries;

    @MockitoBean
    LiveDashboard dashboard;

    /** The live port is off in this slice: no redirect, the pages' policy as shipped. */
    @MockitoBean
    LiveServer liveServer;

    @MockitoBean
    Recount recount;

    @MockitoBean
    ParkedEvents parked;

    @MockitoBean
    EventProcessingConfiguration processing;

    private final List<Object> asked = new CopyOnWriteArrayList<>();
    private final AttendanceResponse attendance = new AttendanceResponse("c1", "Spring Congress", 245, 170, 164, true);
    private final MotionTallyResponse tally = new MotionTallyResponse(
            "m1",
            "c1",
            "Adopt the agenda",
            MotionKind.PROCEDURAL,
            DecisionRule.MAJORITY_OF_SUMMONED,
            null,
            MotionStatus.CLOSED,
            130,
            1,
            0,
            131,
            new MotionResult(245, 170, 130, 1, 0, DecisionRule.Base.SUMMONED, 245, 123, true));

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readModel() {
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            asked.add(query);
            if (query instanceof FetchTallyQuery q && q.motionId().equals("broken")) {
                return CompletableFuture.failedFuture(new MongoTimeoutException("no server"));
            }
            return CompletableFuture.completedFuture(answer(query));
        });
    }

    private Object answer(Object query) {
        if (query instanceof FetchAttendanceQuery q) {
            return q.congressId().equals("c1") ? Optional.of(attendance) : Optional.empty();
        }
        if (query instanceof FetchCongressQuery q) {
            return q.congressId().equals("c1")
                    ? Optional.of(new CongressResponse(
                            "c1",
                            "Spring Congress",
                            CongressStatus.IN_SESSION,
                            Fraction.TWO_THIRDS,
                            95,
                            5008,
                            245,
                            10,
                            0,
                            0,
                            245,
                            0,
                            10,
                            attendance))
                    : Optional.empty();
        }
        if (query instanceof FetchRosterQuery q) {
            return q.congressId().equals("c1")
                    ? Optional.of(new RosterResponse(
                            "c1",
                            List.of(new RosterResponse.Delegate(
                                    "d1",
                                    "Ada",
                                    "o1",
                                    "North",
                                    DelegateKind.OFFICIAL,
                                    CredentialsStatus.ACCEPTED,
                                    true,
                                    null,
                                    null,
                                    false))))
                    : Optional.empty();
        }
        if (query instanceof FetchTallyQuery q) {
            return q.motionId().equals("m1") ? Optional.of(tally) : Optional.empty();
        }
        if (query instanceof FetchMotionTalliesQuery) {
            return List.of(tally);
        }
        if (query instanceof FetchElectionsQuery) {
            return List.of(election());
        }
        if (query instanceof FetchElectionQuery q) {
            return q.electionId().equals("e1") ? Optional.of(election()) : Optional.empty();
        }
        if (query instanceof FetchPublishedBallotsQuery q) {
            if (!q.electionId().equals("e1") || q.round() > 2) {
                return Optional.empty();
            }
            RoundStatus status = q.round() == 1 ? RoundStatus.CLOSED : RoundStatus.OPEN;
            return Optional.of(new PublishedBallotsResponse(
                    "e1",
                    "e1-r" + q.round(),
                    q.round(),
                    status,
                    List.of(K1),
                    status == RoundStatus.CLOSED
                            ? List.of(new PublishedBallot(List.of(K1), true, RECEIPT_HASH))
                            : List.of()));
        }
        if (query instanceof FetchReceiptQuery q) {
            if (q.roundId().equals("e1-r2")) {
                return Optional.of(
                        new ReceiptResponse("e1-r2", "e1", 2, RoundStatus.OPEN, q.receiptHash(), false, null));
            }
            return q.roundId().equals("e1-r1")
                    ? Optional.of(new ReceiptResponse(
                            "e1-r1",
                            "e1",
                            1,
                            RoundStatus.CLOSED,
                            q.receiptHash(),
                            true,
                            new PublishedBallot(List.of(K1), true, q.receiptHash())))
                    : Optional.empty();
        }
        throw new AssertionError("unexpected query " + query);
    }

    private static ElectionResponse election() {
        return new ElectionResponse(
                "e1",
                "c1",
                "Executive committee",
                33,
                DecisionRule.MAJORITY_OF_SUMMONED,
                0,
                List.of(new ElectionResponse.Round("e1-r2", 2, 33, List.of(K1), RoundStatus.OPEN, 120, null)));
    }

    @Test
    void congressSummaryAttendanceAndRoster() throws Exception {
        mvc.perform(get("/api/congresses/c1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_SESSION"))
                .andExpect(jsonPath("$.organisations").value(95))
                .andExpect(jsonPath("$.members").value(5008))
                .andExpect(jsonPath("$.attendance.quorumRequired").value(164));
        mvc.perform(get("/api/congresses/c1/attendance"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.present").value(170))
                .andExpect(jsonPath("$.quorumMet").value(true));
        mvc.perform(get("/api/congresses/c1/delegates"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.delegates[0].delegateId").value("d1"))
                .andExpect(jsonPath("$.delegates[0].credentials").value("ACCEPTED"))
                .andExpect(jsonPath("$.delegates[0].organisationName").value("North"));
    }

    @Test
    void unknownCongressIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/congresses/nope/attendance"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CONGRESS_NOT_FOUND"))
                .andExpect(jsonPath("$.detail")
                        .value("No congress with id 'nope' is known. Check the id; a congress created a moment ago may "
                                + "take a second to appear."));
        for (String path : List.of(
                "/api/congresses/nope",
                "/api/congresses/nope/delegates",
                "/api/congresses/nope/motions",
                "/api/congresses/nope/elections")) {
            mvc.perform(get(path))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("CONGRESS_NOT_FOUND"));
        }
    }

    @Test
    void motionsOfACongressWithTheirTalliesAndResults() throws Exception {
        mvc.perform(get("/api/congresses/c1/motions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].motionId").value("m1"))
                .andExpect(jsonPath("$[0].voted").value(131));
        mvc.perform(get("/api/motions/m1/tally"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.rule.base").value("SUMMONED"))
                .andExpect(jsonPath("$.result.baseCount").value(245))
                .andExpect(jsonPath("$.result.threshold").value(123))
                .andExpect(jsonPath("$.result.adopted").value(true));
    }

    @Test
    void whoVotedHowIsNotServedHere() throws Exception {
        mvc.perform(get("/api/motions/m1/votes"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownMotionIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/motions/nope/tally"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("MOTION_NOT_FOUND"));
    }

    @Test
    void electionsWithTheirRounds() throws Exception {
        mvc.perform(get("/api/congresses/c1/elections"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].electionId").value("e1"));
        mvc.perform(get("/api/elections/e1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rounds[0].status").value("OPEN"))
                .andExpect(jsonPath("$.rounds[0].turnout").value(120))
                .andExpect(jsonPath("$.rounds[0].result").doesNotExist());
        mvc.perform(get("/api/elections/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ELECTION_NOT_FOUND"));
    }

    @Test
    void ballotsArePublishedOnlyOnceTheRoundIsClosed() throws Exception {
        mvc.perform(get("/api/elections/e1/rounds/1/ballots"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ballots[0].kept[0].fullName").value("Nguyễn Văn An"))
                .andExpect(jsonPath("$.ballots[0].valid").value(true))
                .andExpect(jsonPath("$.ballots[0].receiptHash").value(RECEIPT_HASH));
        mvc.perform(get("/api/elections/e1/rounds/2/ballots"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ROUND_NOT_CLOSED"));
        mvc.perform(get("/api/elections/e1/rounds/9/ballots"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ROUND_NOT_FOUND"));
    }

    @Test
    void aReceiptIsCheckedByTheHashOfTheCodeAsShownAndTheAnswerIsNotCached() throws Exception {
        mvc.perform(get("/api/rounds/e1-r1/receipts/abcd efgh-jklm"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.found").value(true))
                .andExpect(jsonPath("$.ballot.kept[0].candidateId").value("k1"));
        assertThat(asked).contains(new FetchReceiptQuery("e1-r1", sha256("ABCD-EFGH-JKLM")));
        mvc.perform(get("/api/rounds/e1-r2/receipts/ABCD-EFGH-JKLM"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ROUND_NOT_CLOSED"));
        mvc.perform(get("/api/rounds/e1-r1/receipts/ABCD!EFGH"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
        mvc.perform(get("/api/rounds/nope/receipts/ABCD-EFGH-JKLM"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("ROUND_NOT_FOUND"));
    }

    @Test
    void pagesOfAnyOriginMayReadTheViews() throws Exception {
        mvc.perform(get("/api/congresses/c1/attendance").header("Origin", "http://127.0.0.1:8081"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "*"));
        mvc.perform(options("/api/congresses/c1/attendance")
                        .header("Origin", "http://elsewhere.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "*"));
    }

    @Test
    void droppingParkedEventsNeedsTheOperatorTokenAndAReason() throws Exception {
        when(parked.sequenceSize("c1")).thenReturn(2L);

        mvc.perform(post("/api/parked/c1/drop").contentType("application/json").content("{\"reason\":\"lost\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("OPERATOR_ONLY"));
        mvc.perform(post("/api/parked/c1/drop")
                        .header("X-Operator-Token", "wrong")
                        .contentType("application/json")
                        .content("{\"reason\":\"lost\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/parked/unknown/retry"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_PARKED"));
    }

    @Test
    void recountAnswersWithItsReport() throws Exception {
        when(recount.run())
                .thenReturn(new RecountReport(
                        "congress_recount_1",
                        1200,
                        100,
                        12000,
                        80,
                        40,
                        20,
                        0,
                        true,
                        5,
                        12,
                        true,
                        List.of(),
                        List.of(),
                        List.of()));

        mvc.perform(post("/api/recount"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsReplayed").value(1200))
                .andExpect(jsonPath("$.eventsPerSecond").value(12000))
                .andExpect(jsonPath("$.differences").isEmpty());
    }

    @Test
    void anIdNoOneCouldHaveBeenGivenIsABadRequest() throws Exception {
        mvc.perform(get("/api/motions/" + "x".repeat(201) + "/tally"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
    }

    @Test
    void anUnreachableReadModelIsAServiceUnavailableProblemNotAServerError() throws Exception {
        mvc.perform(get("/api/motions/broken/tally"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("READ_MODEL_UNAVAILABLE"));
    }

    @Test
    void frameworkErrorsAreProblemsToo() throws Exception {
        mvc.perform(get("/api/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/motions/m1/tally"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/elections/e1/rounds/one/ballots"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** SHA-256 hex, as the command side hashes the receipt code it shows. */
    private static String sha256(String code) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    }
}
