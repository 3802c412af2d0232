package org.congressvote.query.motion;

import static org.congressvote.query.web.Queries.await;
import static org.congressvote.query.web.Queries.checkedId;
import static org.congressvote.query.web.Queries.congressNotFound;
import static org.congressvote.query.web.Queries.motionNotFound;

import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.FetchVotesQuery;
import org.congressvote.api.motion.TallyResponse;
import org.congressvote.api.motion.VotesResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Motions with their tallies, and who voted how. */
@RestController
class MotionController {

    private final QueryGateway queries;

    MotionController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/congresses/{congressId}/motions")
    List<TallyResponse> motionsOf(@PathVariable String congressId) {
        checkedId(congressId, "congress");
        await(queries.query(new FetchAttendanceQuery(congressId),
                ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
        return await(queries.query(new FetchMotionTalliesQuery(congressId),
                ResponseTypes.multipleInstancesOf(TallyResponse.class)));
    }

    @GetMapping("/api/motions/{motionId}/tally")
    TallyResponse tally(@PathVariable String motionId) {
        FetchTallyQuery query = new FetchTallyQuery(checkedId(motionId, "motion"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(TallyResponse.class)))
                .orElseThrow(() -> motionNotFound(motionId));
    }

    @GetMapping("/api/motions/{motionId}/votes")
    VotesResponse votes(@PathVariable String motionId) {
        FetchVotesQuery query = new FetchVotesQuery(checkedId(motionId, "motion"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(VotesResponse.class)))
                .orElseThrow(() -> motionNotFound(motionId));
    }
}
