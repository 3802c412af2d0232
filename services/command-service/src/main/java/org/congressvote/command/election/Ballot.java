package org.congressvote.command.election;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.gate.Electorates;
import org.congressvote.command.gate.VotingGate;

/**
 * A delegate's participation in one election round. Its id is derived from (round, delegate), so the event store
 * refuses a second ballot. The ballot's content goes into the ballot box sealed to the round's public key, never into
 * this aggregate's events.
 */
@Aggregate
public class Ballot {

    @AggregateIdentifier
    private String participationId;

    protected Ballot() {
        // for Axon
    }

    @CommandHandler
    public Ballot(CastBallotCommand command, VotingGate gate, BallotBox box) {
        if (command.delegateId() == null || command.delegateId().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A ballot needs the delegate's id.");
        }
        List<String> kept = command.kept() == null ? List.of() : command.kept();
        VotingGate.OpenRound round = gate.openRound(command.roundId())
                .orElseThrow(() -> gate.roundExists(command.roundId())
                        ? new DomainRuleViolation(
                                ErrorCode.ROUND_NOT_OPEN, "Round " + command.roundId() + " is not open for voting.")
                        : new DomainRuleViolation(
                                ErrorCode.ROUND_NOT_FOUND, "There is no election round " + command.roundId() + "."));
        if (new HashSet<>(kept).size() != kept.size()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_BALLOT, "The ballot names a candidate twice.");
        }
        for (String candidate : kept) {
            if (!round.candidateIds().contains(candidate)) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_BALLOT, candidate + " is not on the candidate list of this round.");
            }
        }
        if (command.voterCongressId() != null && !command.voterCongressId().equals(round.congressId())) {
            throw new DomainRuleViolation(
                    ErrorCode.NO_VOTING_RIGHT,
                    "Round " + command.roundId() + " belongs to another congress than yours.");
        }
        // A body's own election (the executive committee's plenum): its members, and only they, vote.
        Electorates.requireMember(
                gate, round.electorateElectionId(), command.delegateId(), "Round " + command.roundId());
        if (!gate.isPresent(round.congressId(), command.delegateId())) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_PRESENT,
                    "Delegate " + command.delegateId() + " is not checked in, so cannot vote.");
        }
        byte[] sealed = sealed(command.sealed());
        if (sealed == null) {
            throw new DomainRuleViolation(
                    ErrorCode.BALLOT_BOX_KEY_MISSING,
                    "The ballot was not sealed to the round's key, so it cannot go into the box.");
        }
        box.deposit(command.roundId(), sealed);
        apply(new BallotCastEvent(
                command.participationId(),
                round.electionId(),
                command.roundId(),
                round.congressId(),
                command.delegateId(),
                command.requestHash()));
    }

    private static byte[] sealed(String base64) {
        try {
            return base64 == null || base64.isBlank()
                    ? null
                    : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @EventSourcingHandler
    void on(BallotCastEvent event) {
        participationId = event.participationId();
    }
}
