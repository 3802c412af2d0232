package org.congressvote.query.election;

import static org.congressvote.query.web.Queries.await;
import static org.congressvote.query.web.Queries.checkedId;
import static org.congressvote.query.web.Queries.congressNotFound;
import static org.congressvote.query.web.Queries.electionNotFound;
import static org.congressvote.query.web.Queries.roundNotFound;

import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.FetchReceiptQuery;
import org.congressvote.api.election.PublishedBallotsResponse;
import org.congressvote.api.election.ReceiptResponse;
import org.congressvote.api.election.RoundStatus;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.query.web.ViewProblem;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Secret-ballot elections: rounds with their turnout while open and their results once closed, the ballot list
 * published at the close, and the check of a delegate's receipt against it.
 */
@RestController
class ElectionController {

    private final QueryGateway queries;

    ElectionController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/congresses/{congressId}/elections")
    List<ElectionResponse> electionsOf(@PathVariable String congressId) {
        checkedId(congressId, "congress");
        await(queries.query(
                        new FetchAttendanceQuery(congressId),
                        ResponseTypes.optionalInstanceOf(AttendanceResponse.class)))
                .orElseThrow(() -> congressNotFound(congressId));
        return await(queries.query(
                new FetchElectionsQuery(congressId), ResponseTypes.multipleInstancesOf(ElectionResponse.class)));
    }

    @GetMapping("/api/elections/{electionId}")
    ElectionResponse election(@PathVariable String electionId) {
        FetchElectionQuery query = new FetchElectionQuery(checkedId(electionId, "election"));
        return await(queries.query(query, ResponseTypes.optionalInstanceOf(ElectionResponse.class)))
                .orElseThrow(() -> electionNotFound(electionId));
    }

    @GetMapping("/api/elections/{electionId}/rounds/{round}/ballots")
    PublishedBallotsResponse ballots(@PathVariable String electionId, @PathVariable int round) {
        FetchPublishedBallotsQuery query = new FetchPublishedBallotsQuery(checkedId(electionId, "election"), round);
        PublishedBallotsResponse ballots = await(
                        queries.query(query, ResponseTypes.optionalInstanceOf(PublishedBallotsResponse.class)))
                .orElseThrow(() -> roundNotFound(round + " of election '" + electionId + "'"));
        requireClosed(ballots.status(), ballots.roundId());
        return ballots;
    }

    /* The code reveals the ballot to whoever holds it: the answer must not be kept by any cache on the way. */
    @GetMapping("/api/rounds/{roundId}/receipts/{code}")
    ResponseEntity<ReceiptResponse> receipt(@PathVariable String roundId, @PathVariable String code) {
        FetchReceiptQuery query = new FetchReceiptQuery(checkedId(roundId, "round"), ReceiptCodes.hash(code));
        ReceiptResponse receipt = await(queries.query(query, ResponseTypes.optionalInstanceOf(ReceiptResponse.class)))
                .orElseThrow(() -> roundNotFound("'" + roundId + "'"));
        requireClosed(receipt.status(), roundId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(receipt);
    }

    private static void requireClosed(RoundStatus status, String roundId) {
        if (status != RoundStatus.CLOSED) {
            throw new ViewProblem(
                    ErrorCode.ROUND_NOT_CLOSED,
                    "The ballots of round " + roundId + " are published when "
                            + "the round is closed; it is " + (status == RoundStatus.OPEN ? "open" : "not open yet")
                            + ". Until then only the turnout is shown.");
        }
    }
}
