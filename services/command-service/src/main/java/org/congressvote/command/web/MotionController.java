package org.congressvote.command.web;

import java.net.URI;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    MotionController(CommandSender commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    record MotionRef(String motionId) {
    }

    record CastVoteRequest(String delegateId, VoteChoice choice, String requestId) {
    }

    record VoteRecorded(String voteId, String motionId, String delegateId, VoteChoice choice, String requestId) {
    }

    @PostMapping("/{motionId}/open")
    MotionRef open(@PathVariable String motionId) {
        commands.send(new OpenMotionCommand(motionId));
        return new MotionRef(motionId);
    }

    @PostMapping("/{motionId}/close")
    MotionRef close(@PathVariable String motionId) {
        commands.send(new CloseMotionCommand(motionId));
        return new MotionRef(motionId);
    }

    /**
     * Casts a vote. A retry of the same request (same requestId) after a lost answer gets the same answer and
     * changes nothing; any other second vote of the delegate is refused.
     */
    @PostMapping("/{motionId}/votes")
    ResponseEntity<VoteRecorded> vote(@PathVariable String motionId, @RequestBody CastVoteRequest request) {
        Ids.require(request.delegateId(), "delegateId");
        String requestId = request.requestId() == null ? UUID.randomUUID().toString() : request.requestId();
        if (requestId.length() > 64) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field 'requestId' is longer than 64 characters.");
        }
        CastVoteCommand command = new CastVoteCommand(motionId, request.delegateId(), request.choice(), requestId);
        try {
            commands.send(command);
            return recorded(command.voteId(), motionId, request.delegateId(), request.choice(), requestId);
        } catch (AggregateStreamCreationException alreadyStored) {
            VoteCastEvent stored = storedVote(command.voteId());
            if (stored != null && requestId.equals(stored.requestId())) {
                return recorded(stored.voteId(), stored.motionId(), stored.delegateId(), stored.choice(),
                        stored.requestId());
            }
            throw new DomainRuleViolation(ErrorCode.ALREADY_VOTED,
                    "Delegate " + request.delegateId() + " has already voted on motion " + motionId + ".");
        }
    }

    private VoteCastEvent storedVote(String voteId) {
        var events = eventStore.readEvents(voteId);
        return events.hasNext() && events.peek().getPayload() instanceof VoteCastEvent vote ? vote : null;
    }

    private static ResponseEntity<VoteRecorded> recorded(String voteId, String motionId, String delegateId,
                                                         VoteChoice choice, String requestId) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/motions/" + motionId + "/votes/" + delegateId))
                .body(new VoteRecorded(voteId, motionId, delegateId, choice, requestId));
    }
}
