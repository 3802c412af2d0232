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
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionTallyResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Motions with their tallies and, once closed, their results. Who voted how is not here: the secretariat reads it
 * from the command-service.
 */
@RestController
class MotionController {

    private final QueryGateway queries;

    MotionController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/congresses/{congressId}/motions")
    List<MotionTallyResponse> motionsOf(@PathVariable String congressId) {
        checkedId(congressId, "congress");
        await(queries.query(
                        new FetchAttendanceQuery(congressId),
                        ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
        return await(queries.query(
                new FetchMotionTalliesQuery(congressId), ResponseTypes.multipleInstancesOf(MotionTallyResponse.class)));
    }

    @GetMapping("/api/motions/{motionId}/tally")
    MotionTallyResponse tally(@PathVariable String motionId) {
        FetchTallyQuery query = new FetchTallyQuery(checkedId(motionId, "motion"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(MotionTallyResponse.class)))
                .orElseThrow(() -> motionNotFound(motionId));
    }
}
