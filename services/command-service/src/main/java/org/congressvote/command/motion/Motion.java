package org.congressvote.command.motion;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.command.vote.VotingGate;

/** A motion on the agenda: created, opened for voting once, closed once. Votes themselves are Vote aggregates. */
@Aggregate(cache = "aggregateCache")
public class Motion {

    @AggregateIdentifier
    private String motionId;
    private String congressId;
    private MotionStatus status;

    protected Motion() {
        // for Axon
    }

    @CommandHandler
    public Motion(CreateMotionCommand command, VotingGate gate) {
        if (command.motionId() == null || command.motionId().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field 'motionId' must not be empty.");
        }
        if (command.title() == null || command.title().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A motion needs a title.");
        }
        if (command.congressId() == null || !gate.congressExists(command.congressId())) {
            throw new DomainRuleViolation(ErrorCode.CONGRESS_NOT_FOUND,
                    "There is no congress " + command.congressId() + " to put this motion to.");
        }
        apply(new MotionCreatedEvent(command.motionId(), command.congressId(), command.title().strip()));
    }

    @CommandHandler
    public void handle(OpenMotionCommand command, VotingGate gate) {
        if (status == MotionStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.MOTION_ALREADY_OPEN, "Motion " + motionId + " is already open.");
        }
        if (status == MotionStatus.CLOSED) {
            throw new DomainRuleViolation(ErrorCode.MOTION_ALREADY_CLOSED,
                    "Motion " + motionId + " is closed; a closed vote cannot be reopened.");
        }
        gate.awaitVotesInProgress(motionId);
        apply(new MotionOpenedEvent(motionId, congressId));
    }

    @CommandHandler
    public void handle(CloseMotionCommand command, VotingGate gate) {
        if (status == MotionStatus.CLOSED) {
            throw new DomainRuleViolation(ErrorCode.MOTION_ALREADY_CLOSED, "Motion " + motionId + " is already closed.");
        }
        if (status != MotionStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.MOTION_NOT_OPEN,
                    "Motion " + motionId + " has not been opened, so it cannot be closed.");
        }
        gate.awaitVotesInProgress(motionId);
        apply(new MotionClosedEvent(motionId, congressId));
    }

    @EventSourcingHandler
    void on(MotionCreatedEvent event) {
        motionId = event.motionId();
        congressId = event.congressId();
        status = MotionStatus.CREATED;
    }

    @EventSourcingHandler
    void on(MotionOpenedEvent event) {
        status = MotionStatus.OPEN;
    }

    @EventSourcingHandler
    void on(MotionClosedEvent event) {
        status = MotionStatus.CLOSED;
    }
}
