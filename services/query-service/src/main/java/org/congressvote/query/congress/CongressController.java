package org.congressvote.query.congress;

import static org.congressvote.query.web.Queries.await;
import static org.congressvote.query.web.Queries.checkedId;
import static org.congressvote.query.web.Queries.congressNotFound;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressListResponse;
import org.congressvote.api.congress.CongressResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.FetchCongressesQuery;
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.RosterResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The congresses; a congress: its summary, who is in the hall and whether the quorum is met, and its public roster. */
@RestController
@RequestMapping("/api/congresses")
class CongressController {

    private final QueryGateway queries;

    CongressController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Every congress the read side knows (id, name, stage), for the console's picker. */
    @GetMapping
    CongressListResponse congresses() {
        return await(queries.query(new FetchCongressesQuery(), ResponseTypes.instanceOf(CongressListResponse.class)));
    }

    @GetMapping("/{congressId}")
    CongressResponse congress(@PathVariable String congressId) {
        FetchCongressQuery query = new FetchCongressQuery(checkedId(congressId, "congress"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(CongressResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
    }

    @GetMapping("/{congressId}/attendance")
    AttendanceResponse attendance(@PathVariable String congressId) {
        FetchAttendanceQuery query = new FetchAttendanceQuery(checkedId(congressId, "congress"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
    }

    @GetMapping("/{congressId}/delegates")
    RosterResponse delegates(@PathVariable String congressId) {
        FetchRosterQuery query = new FetchRosterQuery(checkedId(congressId, "congress"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(RosterResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
    }
}
