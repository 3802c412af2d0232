package org.congressvote.command.election;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.CreateRoundKeyCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundKeyCreatedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.SealedBallots;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.command.gate.VotingGate;

/**
 * A secret-ballot election of a number of seats, in rounds: each round has its candidate list, its ballots and its
 * result; another round may follow for the seats still unfilled.
 */
@Aggregate(cache = "aggregateCache")
public class Election {

    private enum RoundStatus {
        STARTED,
        OPEN,
        CLOSED
    }

    private static final SecureRandom SHUFFLE = new SecureRandom();

    @AggregateIdentifier
    private String electionId;

    private String congressId;
    private int seats;
    private int seatsFilled;
    private DecisionRule rule;
    private int round;
    private String roundId;
    private int roundSeats;
    private RoundStatus roundStatus;
    private List<Candidate> candidates = List.of();
    private String roundPublicKey;
    private int sharesRequired;
    private final Set<String> elected = new HashSet<>();

    protected Election() {
        // for Axon
    }

    @CommandHandler
    public Election(CreateElectionCommand command, VotingGate gate) {
        if (command.electionId() == null || command.electionId().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field 'electionId' must not be empty.");
        }
        if (command.title() == null || command.title().isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "An election needs a title.");
        }
        if (command.seats() < 1) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "An election needs at least one seat.");
        }
        CongressStatus congress = command.congressId() == null
                ? null
                : gate.congressStatus(command.congressId()).orElse(null);
        if (congress == null) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_NOT_FOUND, "There is no congress " + command.congressId() + ".");
        }
        if (congress == CongressStatus.CLOSED) {
            throw new DomainRuleViolation(ErrorCode.CONGRESS_STATE, "The congress is closed: no new elections.");
        }
        apply(new ElectionCreatedEvent(
                command.electionId(), command.congressId(), command.title().strip(), command.seats(), command.rule()));
    }

    @CommandHandler
    public void handle(StartRoundCommand command) {
        if (roundStatus == RoundStatus.STARTED || roundStatus == RoundStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Round " + round + " is not closed yet.");
        }
        int remaining = seats - seatsFilled;
        if (remaining <= 0) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Every seat is filled: no further round.");
        }
        List<Candidate> list = command.candidates() == null ? List.of() : command.candidates();
        if (list.isEmpty()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A round needs at least one candidate.");
        }
        Set<String> ids = new HashSet<>();
        for (Candidate c : list) {
            if (c == null
                    || c.candidateId() == null
                    || !c.candidateId().matches("[A-Za-z0-9._~-]{1,64}")
                    || c.fullName() == null
                    || c.fullName().isBlank()) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "Every candidate needs an id (letters, digits, . _ ~ -) and a full name.");
            }
            if (!ids.add(c.candidateId())) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST, "Candidate " + c.candidateId() + " is listed twice.");
            }
            if (elected.contains(c.candidateId())) {
                // A later round fills the seats still empty: someone already elected holds a seat and cannot take a
                // second one (regulation 244-QD/TW art. 20 cl. 2).
                throw new DomainRuleViolation(
                        ErrorCode.CANDIDATE_ALREADY_ELECTED,
                        "Candidate " + c.candidateId()
                                + " was elected in an earlier round of this election and cannot be listed again.");
            }
        }
        int next = round + 1;
        apply(new RoundStartedEvent(
                electionId,
                congressId,
                electionId + "-r" + next,
                next,
                remaining,
                list.stream()
                        .map(c -> new Candidate(c.candidateId(), c.fullName().strip()))
                        .toList()));
    }

    @CommandHandler
    public void handle(CreateRoundKeyCommand command) {
        if (roundStatus != RoundStatus.STARTED) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE,
                    "The round's key is created after its candidate list is given and before it opens.");
        }
        if (roundPublicKey != null) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Round " + round + " already has its key.");
        }
        List<String> holders = command.holders() == null ? List.of() : command.holders();
        List<String> hashes = command.shareHashes() == null ? List.of() : command.shareHashes();
        if (command.publicKey() == null
                || holders.isEmpty()
                || holders.size() != hashes.size()
                || command.sharesRequired() < 1
                || command.sharesRequired() > holders.size()) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "A round key needs its public key, 1 to n shares required and one share per holder.");
        }
        apply(new RoundKeyCreatedEvent(
                electionId,
                congressId,
                roundId,
                round,
                command.publicKey(),
                command.sharesRequired(),
                List.copyOf(holders),
                List.copyOf(hashes),
                command.createdBy()));
    }

    @CommandHandler
    public void handle(OpenRoundCommand command, VotingGate gate) {
        if (roundStatus != RoundStatus.STARTED) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE,
                    roundStatus == null
                            ? "No round has been started: give the candidate list first."
                            : "Round " + round + " is already "
                                    + roundStatus.name().toLowerCase() + ".");
        }
        if (gate.congressStatus(congressId).orElse(null) != CongressStatus.IN_SESSION) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE, "Votes are taken only while the congress is in session.");
        }
        if (roundPublicKey == null) {
            throw new DomainRuleViolation(
                    ErrorCode.BALLOT_BOX_KEY_MISSING,
                    "The vote-counting committee has not " + "created the key of round " + round
                            + " yet: its ballot box is not sealed.");
        }
        gate.awaitVotesInProgress(roundId);
        apply(new RoundOpenedEvent(electionId, congressId, roundId, round));
    }

    @CommandHandler
    public void handle(CloseRoundCommand command, VotingGate gate, BallotBox box, RoundKeyRing keys) {
        if (roundStatus != RoundStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "No round of this election is open.");
        }
        SealedBox.OpenKey key = keys.key(roundId)
                .orElseThrow(() -> new DomainRuleViolation(
                        ErrorCode.KEY_SHARES_MISSING,
                        "The vote-counting committee has not presented " + sharesRequired + " shares of round " + round
                                + "'s key: the box stays sealed."));
        gate.awaitVotesInProgress(roundId);
        gate.requireCountableLog(roundId);
        List<byte[]> sealed = box.empty(roundId);
        long cast = gate.ballotsCast(roundId);
        if (cast != sealed.size()) {
            throw new DomainRuleViolation(
                    ErrorCode.LOG_NOT_INTACT,
                    "The box holds " + sealed.size() + " sealed ballots but " + cast
                            + " delegates returned one: the box was altered, nothing is counted.");
        }
        List<List<String>> opened = new ArrayList<>(sealed.size());
        List<String> receipts = new ArrayList<>(sealed.size());
        for (byte[] ballot : sealed) {
            List<String> kept = SealedBox.open(key, roundId, ballot);
            if (kept == null) {
                throw new DomainRuleViolation(
                        ErrorCode.LOG_NOT_INTACT,
                        "A sealed ballot in the box does not open "
                                + "under the round's key: the box was altered, nothing is counted.");
            }
            // Published in one canonical order (by candidate id), whatever order the delegate's phone sent.
            opened.add(kept.stream().sorted().toList());
            receipts.add(SealedBallots.receiptHash(ballot));
        }
        Collections.shuffle(opened, SHUFFLE);
        Collections.sort(receipts);
        VotingGate.Seats present = gate.seats(congressId);
        RoundCount.Result count =
                RoundCount.count(candidates, roundSeats, rule, present.summoned(), present.present(), opened);
        List<ReleasedBallot> released = opened.stream()
                .map(kept -> new ReleasedBallot(kept, RoundCount.isValid(kept, roundSeats, candidates.size()), null))
                .toList();
        apply(new BallotBoxOpenedEvent(
                electionId, congressId, roundId, round, command.openedBy(), sharesRequired, List.copyOf(receipts)));
        apply(new RoundClosedEvent(
                electionId,
                congressId,
                roundId,
                round,
                roundSeats,
                rule,
                present.summoned(),
                present.present(),
                Math.max(present.present(), opened.size()),
                opened.size(),
                count.valid(),
                count.invalid(),
                count.baseCount(),
                count.threshold(),
                count.results(),
                count.elected(),
                count.tiedForLastSeat(),
                seats - seatsFilled - count.elected().size(),
                released));
    }

    @EventSourcingHandler
    void on(ElectionCreatedEvent event) {
        electionId = event.electionId();
        congressId = event.congressId();
        seats = event.seats();
        rule = event.rule();
    }

    @EventSourcingHandler
    void on(RoundStartedEvent event) {
        round = event.round();
        roundId = event.roundId();
        roundSeats = event.seats();
        candidates = event.candidates();
        roundStatus = RoundStatus.STARTED;
        roundPublicKey = null;
        sharesRequired = 0;
    }

    @EventSourcingHandler
    void on(RoundKeyCreatedEvent event) {
        roundPublicKey = event.publicKey();
        sharesRequired = event.sharesRequired();
    }

    @EventSourcingHandler
    void on(RoundOpenedEvent event) {
        roundStatus = RoundStatus.OPEN;
    }

    @EventSourcingHandler
    void on(RoundClosedEvent event) {
        roundStatus = RoundStatus.CLOSED;
        seatsFilled += event.elected().size();
        elected.addAll(event.elected());
    }
}
