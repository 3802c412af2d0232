package org.congressvote.query.live;

import static org.congressvote.query.web.Queries.await;
import static org.congressvote.query.web.Queries.checkedId;
import static org.congressvote.query.web.Queries.congressNotFound;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The live dashboard of a congress as server-sent events: {@code attendance}, {@code congress}, one {@code tally} per
 * motion and one {@code election} per election on connect, then each change, and a {@code heartbeat} event every 15 s.
 * When the live port is on (LiveServer) and {@code congress.live.redirect} is true, the stream is sent there (307).
 */
@RestController
class LiveController {

    private final QueryGateway queries;
    private final LiveDashboard dashboard;
    private final LiveServer liveServer;

    LiveController(QueryGateway queries, LiveDashboard dashboard, LiveServer liveServer) {
        this.queries = queries;
        this.dashboard = dashboard;
        this.liveServer = liveServer;
    }

    /** Past the viewers' caps: 503 LIVE_VIEWERS_FULL with Retry-After, before the congress is even looked up. */
    @GetMapping(path = "/api/congresses/{congressId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Object live(@PathVariable String congressId, HttpServletRequest request) {
        checkedId(congressId, "congress");
        String elsewhere = liveServer.redirectFor(request);
        if (elsewhere != null) {
            // the same stream on the live port, where a viewer costs a few KB instead of a servlet request's ~90 KB
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .location(URI.create(elsewhere + "/api/congresses/"
                            + UriUtils.encodePathSegment(congressId, StandardCharsets.UTF_8) + "/live"))
                    .build();
        }
        String client = request.getRemoteAddr();
        dashboard.seat(client, true);
        try {
            await(queries.query(
                            new FetchAttendanceQuery(congressId),
                            ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                    .orElseThrow(() -> congressNotFound(congressId));
            return dashboard.open(congressId, client);
        } catch (RuntimeException e) {
            dashboard.release(client, true);
            throw e;
        }
    }
}
