package org.congressvote.query.congress;

import static org.congressvote.query.web.Queries.await;
import static org.congressvote.query.web.Queries.checkedId;
import static org.congressvote.query.web.Queries.congressNotFound;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is in the hall: delegates summoned, present, and whether the quorum is met. */
@RestController
@RequestMapping("/api/congresses")
class AttendanceController {

    private final QueryGateway queries;

    AttendanceController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{congressId}/attendance")
    AttendanceResponse attendance(@PathVariable String congressId) {
        FetchAttendanceQuery query = new FetchAttendanceQuery(checkedId(congressId, "congress"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
    }
}
