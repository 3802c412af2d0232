package org.congressvote.command.motion;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.CloseMotionCommand;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.OpenMotionCommand;
import org.congressvote.command.gate.Electorates;
import org.congressvote.command.gate.VotingGate;

/**
 * A motion on the agenda, voted by show of hands: created, opened once, closed once. Votes are Vote aggregates; at
 * the close the motion counts the votes stored before it and decides by its rule. Its electorate is the congress, or
 * a body formed by an earlier election (the executive committee at its first plenum), whose members' base it counts.
 */
@Aggregate(cache = "aggregateCache")
public class Motion {

    @AggregateIdentifier
    private String motionId;

    private String congressId;
    private DecisionRule rule;
    private MotionStatus status;
    private String decides;
    private String electorateElectionId;
    private String electorateTitle;

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
        CongressStatus congress = command.congressId() == null
                ? null
                : gate.congressStatus(command.congressId()).orElse(null);
        if (congress == null) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_NOT_FOUND,
                    "There is no congress " + command.congressId() + " to put this motion to.");
        }
        if (congress == CongressStatus.CLOSED) {
            throw new DomainRuleViolation(ErrorCode.CONGRESS_STATE, "The congress is closed: no new motions.");
        }
        String electorate = command.electorateElectionId();
        if (electorate != null) {
            Electorates.requireBody(gate, command.congressId(), electorate, null, "this motion's electorate");
        }
        if (command.decides() != null) {
            // The show of hands on an election's seats, list, withdrawal or new names is its electorate's: a body
            // decides its own election's (regulation 244-QĐ/TW, guidance 32-HD/TW), the congress the congress's.
            String electionsElectorate = gate.body(command.decides())
                    .map(VotingGate.Body::electorateElectionId)
                    .orElse(null);
            if (!Objects.equals(electionsElectorate, electorate)) {
                throw new DomainRuleViolation(
                        ErrorCode.ELECTORATE_MISMATCH,
                        "Election " + command.decides() + " is voted by "
                                + who(electionsElectorate, gate) + ": the motion deciding its proposal must be voted by"
                                + " the same electorate, not by " + who(electorate, gate) + ".");
            }
        }
        apply(new MotionCreatedEvent(
                command.motionId(),
                command.congressId(),
                command.title().strip(),
                command.kind(),
                command.rule(),
                command.text() == null || command.text().isBlank()
                        ? null
                        : command.text().strip(),
                command.decides(),
                electorate,
                Electorates.name(gate, electorate)));
    }

    private static String who(String electorateElectionId, VotingGate gate) {
        return electorateElectionId == null
                ? "the congress"
                : "the members of " + Electorates.name(gate, electorateElectionId);
    }

    @CommandHandler
    public void handle(OpenMotionCommand command, VotingGate gate) {
        if (status == MotionStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.MOTION_ALREADY_OPEN, "Motion " + motionId + " is already open.");
        }
        if (status == MotionStatus.CLOSED) {
            throw new DomainRuleViolation(
                    ErrorCode.MOTION_ALREADY_CLOSED,
                    "Motion " + motionId + " is closed; a closed vote cannot be reopened.");
        }
        if (gate.congressStatus(congressId).orElse(null) != CongressStatus.IN_SESSION) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE, "Votes are taken only while the congress is in session.");
        }
        Electorates.requireElected(gate, electorateElectionId, electorateTitle, "its own show of hands");
        gate.awaitVotesInProgress(motionId);
        apply(new MotionOpenedEvent(motionId, congressId));
    }

    @CommandHandler
    public void handle(CloseMotionCommand command, VotingGate gate) {
        if (status == MotionStatus.CLOSED) {
            throw new DomainRuleViolation(
                    ErrorCode.MOTION_ALREADY_CLOSED, "Motion " + motionId + " is already closed.");
        }
        if (status != MotionStatus.OPEN) {
            throw new DomainRuleViolation(
                    ErrorCode.MOTION_NOT_OPEN, "Motion " + motionId + " has not been opened, so it cannot be closed.");
        }
        gate.awaitVotesInProgress(motionId);
        VotingGate.VoteCount count = gate.countVotes(motionId);
        // The base is the electorate's: the congress's delegates, or the members of the body that votes.
        VotingGate.Seats seats = gate.seats(congressId, electorateElectionId);
        long base = switch (rule.base()) {
            case SUMMONED -> seats.summoned();
            case PRESENT -> seats.present();
            case VALID_BALLOTS -> count.agree() + count.disagree() + count.abstain();
        };
        apply(new MotionClosedEvent(
                motionId,
                congressId,
                rule,
                seats.summoned(),
                seats.present(),
                count.agree(),
                count.disagree(),
                count.abstain(),
                base,
                rule.threshold(base),
                rule.passes(count.agree(), base),
                decides,
                electorateElectionId,
                electorateTitle));
    }

    @EventSourcingHandler
    void on(MotionCreatedEvent event) {
        motionId = event.motionId();
        congressId = event.congressId();
        rule = event.rule();
        decides = event.decides();
        electorateElectionId = event.electorateElectionId();
        electorateTitle = event.electorateTitle();
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
