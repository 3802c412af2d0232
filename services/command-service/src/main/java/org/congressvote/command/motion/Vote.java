package org.congressvote.command.motion;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.vote.CastVoteCommand;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.command.gate.Electorates;
import org.congressvote.command.gate.VotingGate;

/**
 * One delegate's vote on one motion. Its id is derived from (motion, delegate), so the event store's unique
 * (aggregate id, sequence number) key refuses a second vote atomically, across every command-service instance.
 */
@Aggregate
public class Vote {

    @AggregateIdentifier
    private String voteId;

    protected Vote() {
        // for Axon
    }

    @CommandHandler
    public Vote(CastVoteCommand command, VotingGate gate) {
        if (command.choice() == null) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "A vote needs a choice: AGREE, DISAGREE or ABSTAIN.");
        }
        if (command.delegateId() == null || command.delegateId().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A vote needs the delegate's id.");
        }
        Supplier<DomainRuleViolation> notOpen = () -> gate.motionExists(command.motionId())
                ? new DomainRuleViolation(
                        ErrorCode.MOTION_NOT_OPEN, "Motion " + command.motionId() + " is not open for voting.")
                : new DomainRuleViolation(ErrorCode.MOTION_NOT_FOUND, "There is no motion " + command.motionId() + ".");
        VotingGate.OpenMotion motion;
        boolean present;
        if (command.voterCongressId() != null) {
            VotingGate.OpenMotionForVoter seen = gate.openMotion(
                            command.motionId(), command.voterCongressId(), command.delegateId())
                    .orElseThrow(notOpen);
            motion = seen.motion();
            present = seen.voterPresent();
        } else {
            motion = gate.openMotion(command.motionId()).orElseThrow(notOpen);
            present = gate.isPresent(motion.congressId(), command.delegateId());
        }
        if (command.voterCongressId() != null && !command.voterCongressId().equals(motion.congressId())) {
            throw new DomainRuleViolation(
                    ErrorCode.NO_VOTING_RIGHT,
                    "Motion " + command.motionId() + " belongs to another congress than yours.");
        }
        // A body's own show of hands (the executive committee's plenum): its members, and only they, vote.
        Electorates.requireMember(
                gate, motion.electorateElectionId(), command.delegateId(), "Motion " + command.motionId());
        if (!present) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_PRESENT,
                    "Delegate " + command.delegateId() + " is not checked in, so cannot vote.");
        }
        apply(new VoteCastEvent(
                command.voteId(),
                command.motionId(),
                motion.congressId(),
                command.delegateId(),
                command.choice(),
                command.requestId()));
    }

    @EventSourcingHandler
    void on(VoteCastEvent event) {
        voteId = event.voteId();
    }
}
