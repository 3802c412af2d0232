package org.congressvote.query.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.mongodb.MongoTimeoutException;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.FetchVotesQuery;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.TallyResponse;
import org.congressvote.api.motion.VotesResponse;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.query.live.LiveDashboard;
import org.congressvote.query.motion.FetchMotionTalliesQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract of the read side with the read model mocked: status codes and problem bodies. */
@WebMvcTest
class QueryEndpointsTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryGateway queries;

    @MockitoBean
    LiveDashboard dashboard;

    private final TallyResponse tally = new TallyResponse("m1", "c1", "Adopt the agenda", MotionStatus.OPEN, 3, 1, 0, 4);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void readModel() {
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            if (query instanceof FetchTallyQuery q && q.motionId().equals("broken")) {
                return CompletableFuture.failedFuture(new MongoTimeoutException("no server"));
            }
            return CompletableFuture.completedFuture(answer(query));
        });
    }

    private Object answer(Object query) {
        if (query instanceof FetchAttendanceQuery q) {
            return q.congressId().equals("c1")
                    ? Optional.of(new AttendanceResponse("c1", "Spring Congress", 245, 170, 164, true))
                    : Optional.empty();
        }
        if (query instanceof FetchTallyQuery q) {
            return q.motionId().equals("m1") ? Optional.of(tally) : Optional.empty();
        }
        if (query instanceof FetchVotesQuery q) {
            return q.motionId().equals("m1")
                    ? Optional.of(new VotesResponse("m1", List.of(new VotesResponse.CastVote("d1", VoteChoice.AGREE))))
                    : Optional.empty();
        }
        if (query instanceof FetchMotionTalliesQuery) {
            return List.of(tally);
        }
        throw new AssertionError("unexpected query " + query);
    }

    @Test
    void attendanceOfAKnownCongress() throws Exception {
        mvc.perform(get("/api/congresses/c1/attendance"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.present").value(170))
                .andExpect(jsonPath("$.quorumRequired").value(164))
                .andExpect(jsonPath("$.quorumMet").value(true));
    }

    @Test
    void unknownCongressIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/congresses/nope/attendance"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CONGRESS_NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value(
                        "No congress with id 'nope' is known. Check the id; a congress created a moment ago may "
                                + "take a second to appear."));
        mvc.perform(get("/api/congresses/nope/motions")).andExpect(status().isNotFound());
    }

    @Test
    void motionsOfACongressWithTheirTallies() throws Exception {
        mvc.perform(get("/api/congresses/c1/motions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].motionId").value("m1"))
                .andExpect(jsonPath("$[0].voted").value(4));
    }

    @Test
    void tallyAndVotesOfAMotion() throws Exception {
        mvc.perform(get("/api/motions/m1/tally"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.agree").value(3));
        mvc.perform(get("/api/motions/m1/votes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.votes[0].delegateId").value("d1"))
                .andExpect(jsonPath("$.votes[0].choice").value("AGREE"));
    }

    @Test
    void unknownMotionIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/motions/nope/tally"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("MOTION_NOT_FOUND"));
        mvc.perform(get("/api/motions/nope/votes"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("MOTION_NOT_FOUND"));
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
    }
}
