package org.congressvote.command.motion;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.command.apidoc.ProblemCodes;
import org.congressvote.command.congress.StaffActions;
import org.congressvote.command.gate.VoteRecords;
import org.congressvote.command.identity.Principal;
import org.congressvote.command.web.CommandSender;
import org.congressvote.command.web.Refusals;
import org.congressvote.command.web.Voter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Opening and closing a motion, and the delegates' votes on it. */
@RestController
@RequestMapping("/api/motions")
class MotionController {

    private final CommandSender commands;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final StaffActions staffActions;
    private final VoteRecords voteRecords;

    MotionController(
            CommandSender commands,
            EventStore eventStore,
            JdbcTemplate jdbc,
            StaffActions staffActions,
            VoteRecords voteRecords) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.staffActions = staffActions;
        this.voteRecords = voteRecords;
    }

    record MotionRef(String motionId) {}

    record CastVoteRequest(String delegateId, VoteChoice choice, String requestId) {}

    record VoteRecorded(String voteId, String motionId, String delegateId, VoteChoice choice, String requestId) {}

    @ProblemCodes({
        ErrorCode.MOTION_ALREADY_OPEN,
        ErrorCode.MOTION_ALREADY_CLOSED,
        ErrorCode.CONGRESS_STATE,
        ErrorCode.BODY_NOT_ELECTED
    })
    @PostMapping("/{motionId}/open")
    MotionRef open(@PathVariable String motionId) {
        commands.send(new OpenMotionCommand(motionId));
        return new MotionRef(motionId);
    }

    @ProblemCodes({ErrorCode.MOTION_NOT_OPEN, ErrorCode.MOTION_ALREADY_CLOSED, ErrorCode.LOG_NOT_INTACT})
    @PostMapping("/{motionId}/close")
    MotionRef close(@PathVariable String motionId) {
        commands.send(new CloseMotionCommand(motionId));
        return new MotionRef(motionId);
    }

    /**
     * Casts a vote. A retry of the same request (same requestId) after a lost answer gets the same answer and
     * changes nothing; any other second vote of the delegate is refused.
     */
    @ProblemCodes({
        ErrorCode.MOTION_NOT_FOUND,
        ErrorCode.MOTION_NOT_OPEN,
        ErrorCode.NO_VOTING_RIGHT,
        ErrorCode.DELEGATE_NOT_PRESENT,
        ErrorCode.ALREADY_VOTED,
        ErrorCode.NOT_IN_ELECTORATE
    })
    @PostMapping("/{motionId}/votes")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<VoteRecorded> vote(
            @PathVariable String motionId,
            @RequestBody CastVoteRequest request,
            @AuthenticationPrincipal Principal voter) {
        InputLimits.optionalId(request.delegateId(), "delegateId");
        String delegateId = Voter.delegateOf(voter, request.delegateId());
        String requestId = request.requestId() == null ? UUID.randomUUID().toString() : request.requestId();
        InputLimits.id(requestId, "requestId");
        CastVoteCommand command =
                new CastVoteCommand(motionId, delegateId, request.choice(), requestId, voter.congressId());
        try {
            commands.send(command);
            return recorded(command.voteId(), motionId, delegateId, request.choice(), requestId);
        } catch (RuntimeException refused) {
            if (!Refusals.isRefusal(refused)) {
                throw refused;
            }
            // A retry of a request that was stored gets the original answer, whatever happened since: the motion
            // closed, the delegate checked out, the phone signed in again with a re-issued card.
            VoteCastEvent stored = storedVote(command.voteId());
            if (stored != null && requestId.equals(stored.requestId())) {
                return recorded(
                        stored.voteId(), stored.motionId(), stored.delegateId(), stored.choice(), stored.requestId());
            }
            if (refused instanceof AggregateStreamCreationException) {
                throw new DomainRuleViolation(
                        ErrorCode.ALREADY_VOTED,
                        "Delegate " + delegateId + " has already voted on motion " + motionId + ".");
            }
            throw refused;
        }
    }

    /** {@code flags}: empty, or VOTE_AFTER_CARD_REISSUE when the delegate's card was re-issued shortly before. */
    record NamedVote(String delegateId, VoteChoice choice, String castAt, List<StaffActions.Flag> flags) {}

    record NamedVotes(String motionId, List<NamedVote> votes, List<String> notVoted) {}

    /**
     * Who voted how in an open vote, and who of the delegates present has not voted yet: for the secretariat, from the
     * vote records written with each vote (the close checks every record against the log before it counts).
     */
    @GetMapping("/{motionId}/votes")
    NamedVotes votes(@PathVariable String motionId) {
        List<String> congress =
                jdbc.queryForList("SELECT congress_id FROM motion_gate WHERE motion_id = ?", String.class, motionId);
        if (congress.isEmpty()) {
            throw new DomainRuleViolation(ErrorCode.MOTION_NOT_FOUND, "There is no motion " + motionId + ".");
        }
        List<StaffActions.Action> reissues = staffActions.reissues(congress.get(0));
        List<NamedVote> votes = voteRecords.of(motionId).stream()
                .map(cast -> {
                    StaffActions.Flag flag =
                            staffActions.flag(reissues, cast.delegateId(), Instant.parse(cast.castAt()));
                    return new NamedVote(
                            cast.delegateId(), cast.choice(), cast.castAt(), flag == null ? List.of() : List.of(flag));
                })
                .toList();
        return new NamedVotes(motionId, votes, voteRecords.notVoted(motionId));
    }

    private VoteCastEvent storedVote(String voteId) {
        var events = eventStore.readEvents(voteId);
        return events.hasNext() && events.peek().getPayload() instanceof VoteCastEvent vote ? vote : null;
    }

    private static ResponseEntity<VoteRecorded> recorded(
            String voteId, String motionId, String delegateId, VoteChoice choice, String requestId) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/motions/" + motionId + "/votes/" + delegateId))
                .body(new VoteRecorded(voteId, motionId, delegateId, choice, requestId));
    }
}
