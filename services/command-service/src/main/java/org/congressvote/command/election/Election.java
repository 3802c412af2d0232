package org.congressvote.command.election;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.election.ApplyMotionResultCommand;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CandidateWithdrawnEvent;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.CreateRoundKeyCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.ElectorateBase;
import org.congressvote.api.election.ListProposedEvent;
import org.congressvote.api.election.NewNamesAdmittedEvent;
import org.congressvote.api.election.NewNamesProposedEvent;
import org.congressvote.api.election.NominateCandidateCommand;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.ProposalRejectedEvent;
import org.congressvote.api.election.ProposeListCommand;
import org.congressvote.api.election.ProposeNewNamesCommand;
import org.congressvote.api.election.ProposeSeatsCommand;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RequestWithdrawalCommand;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundKeyCreatedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.SealedBallots;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.election.WithdrawalRequestedEvent;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.command.gate.Electorates;
import org.congressvote.command.gate.VotingGate;

/**
 * A secret-ballot election of a number of seats, in rounds: each round has its candidate list, its ballots and its
 * result; another round may follow for the seats still unfilled. Unless its list is given by the secretariat, names
 * are nominated and the congress decides by show of hands (motions whose adoption this aggregate applies) the seats
 * and the surplus, withdrawals and the list; the first round opens only on the approved list.
 */
@Aggregate(cache = "aggregateCache")
public class Election {

    private enum RoundStatus {
        STARTED,
        OPEN,
        CLOSED
    }

    private static final SecureRandom SHUFFLE = new SecureRandom();
    private static final String ID = "[A-Za-z0-9._~-]{1,64}";

    /**
     * What the motion that puts a proposal to the vote needs: its congress, its title, and its electorate, the
     * election's own (null: the congress; a body's election puts its proposals to the body's members).
     */
    record ProposalMotion(String congressId, String title, String electorateElectionId) {}

    /** A proposal put to the congress by motion, applied when the motion is adopted. */
    private record Proposal(
            String motionId, int seats, int surplus, List<Candidate> list, String candidateId, List<Candidate> added) {}

    @AggregateIdentifier
    private String electionId;

    private String congressId;
    private String title;
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
    private ElectionProcedure procedure = ElectionProcedure.LIST_GIVEN;
    private boolean seatsDecided;
    private int surplus;
    private final Map<String, Candidate> nominees = new LinkedHashMap<>();
    private List<Candidate> approvedList;
    private Proposal pending;
    private List<Candidate> admitted = List.of();
    private String admittedBy;
    private int alternateSeats;
    private int alternatesFilled;
    private int roundAlternateSeats;
    private String electorateElectionId;
    private String electorateTitle;
    private String eligibleFromElectionId;
    private List<String> excludingElectionIds = List.of();

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
        if (command.procedure() == ElectionProcedure.SEATS_VOTED) {
            if (command.seats() != 0) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "The congress votes this election's seats by show of hands: give no seats when creating it.");
            }
        } else if (command.seats() < 1) {
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
        if (command.alternateSeats() < 0 || command.alternateSeats() > InputLimits.SEATS_MAX) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The alternate seats are a number, 0 or more.");
        }
        if (command.alternateSeats() > 0 && command.procedure() != ElectionProcedure.SEATS_ALLOCATED) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "Alternate seats are allocated by the level above: only an election of procedure SEATS_ALLOCATED"
                            + " has them.");
        }
        String bodyName = null;
        if (command.electorateElectionId() != null) {
            // Any procedure: the show of hands on its seats, withdrawals and list is the body's own (ProposalMotion).
            bodyName = ElectorateBase.bodyName(requireBody(command, command.electorateElectionId(), "electorate", gate)
                    .title());
        }
        if (command.eligibleFromElectionId() != null) {
            requireBody(command, command.eligibleFromElectionId(), "eligibility source", gate);
        }
        for (String excluded : command.excludingElectionIds()) {
            requireBody(command, excluded, "excluded election", gate);
        }
        apply(new ElectionCreatedEvent(
                command.electionId(),
                command.congressId(),
                command.title().strip(),
                command.seats(),
                command.rule(),
                command.procedure(),
                command.alternateSeats(),
                command.electorateElectionId(),
                bodyName,
                command.eligibleFromElectionId(),
                command.excludingElectionIds()));
    }

    /** An earlier election of the same congress, named as a body by the election being created. */
    private static VotingGate.Body requireBody(
            CreateElectionCommand command, String bodyElectionId, String role, VotingGate gate) {
        return Electorates.requireBody(
                gate, command.congressId(), bodyElectionId, command.electionId(), "this election's " + role);
    }

    /**
     * A candidate of this election must be a member of the body it draws from (if any) and no member of a body it
     * excludes: checked for every nomination, list and round, so a ballot (which only keeps names of the round's list)
     * can never name someone ineligible.
     */
    private void requireEligible(String candidateId, VotingGate gate) {
        if (eligibleFromElectionId != null) {
            Set<String> eligible = gate.members(eligibleFromElectionId);
            if (!eligible.contains(candidateId)) {
                String body = gate.body(eligibleFromElectionId)
                        .map(b -> ElectorateBase.bodyName(b.title()))
                        .orElse(eligibleFromElectionId);
                throw new DomainRuleViolation(
                        ErrorCode.NOT_ELIGIBLE,
                        candidateId + " is not among the " + eligible.size() + " members of " + body
                                + ": only they can be candidates in this election.",
                        Map.of("eligible", (long) eligible.size()));
            }
        }
        for (String excluded : excludingElectionIds) {
            if (gate.isMember(excluded, candidateId)) {
                String body = gate.body(excluded)
                        .map(b -> ElectorateBase.bodyName(b.title()))
                        .orElse(excluded);
                throw new DomainRuleViolation(
                        ErrorCode.NOT_ELIGIBLE,
                        candidateId + " was elected " + body + ", which this election excludes.",
                        Map.of("excludedMembers", (long) gate.members(excluded).size()));
            }
        }
    }

    @CommandHandler
    public void handle(NominateCandidateCommand command, VotingGate gate) {
        requireListPhase("takes no nominations", gate);
        if (command.kind() == null
                || command.candidateId() == null
                || !command.candidateId().matches(ID)
                || command.fullName() == null
                || command.fullName().isBlank()) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "A nomination needs its kind and the nominee's id (letters, digits, . _ ~ -) and full name.");
        }
        String candidateId = command.candidateId();
        requireEligible(candidateId, gate);
        boolean delegate = gate.isRegistered(congressId, candidateId);
        String nominatedBy = command.kind() == NominationKind.PRESIDIUM ? null : command.nominatedBy();
        if (command.kind() == NominationKind.SELF && !candidateId.equals(nominatedBy)) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "A self-nomination (ứng cử) is made by the nominee themselves.");
        }
        boolean byDelegate = nominatedBy != null && gate.isRegistered(congressId, nominatedBy);
        if (command.kind() != NominationKind.PRESIDIUM && !byDelegate) {
            // Regulation 244-QĐ/TW (docs/domain.md): delegates nominate; the presidium proposes its list.
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_REGISTERED,
                    "Only a delegate of this congress nominates: " + nominatedBy + " is not on its roster.");
        }
        if (command.kind() != NominationKind.PRESIDIUM
                && electorateElectionId != null
                && !gate.isMember(electorateElectionId, nominatedBy)) {
            // A body's election (the first plenum's): its members nominate, as they alone vote (docs/domain.md).
            throw new DomainRuleViolation(
                    ErrorCode.NOT_IN_ELECTORATE,
                    "Only the members of " + electorateTitle + " nominate in its election: " + nominatedBy
                            + " is not one of them.");
        }
        String consent = command.consent() == null || command.consent().isBlank()
                ? null
                : command.consent().strip();
        if (!delegate && consent == null) {
            // A member who is not a delegate is nominated only with their consent (regulation 244-QĐ/TW).
            throw new DomainRuleViolation(
                    ErrorCode.CONSENT_MISSING,
                    command.fullName().strip() + " is not a delegate: record their consent to be nominated.");
        }
        if (nominees.containsKey(candidateId)) {
            throw new DomainRuleViolation(
                    ErrorCode.ALREADY_NOMINATED, candidateId + " has already been nominated in this election.");
        }
        apply(new CandidateNominatedEvent(
                electionId,
                congressId,
                candidateId,
                command.fullName().strip(),
                command.kind(),
                nominatedBy,
                delegate,
                delegate ? null : consent));
    }

    @CommandHandler
    public ProposalMotion handle(ProposeSeatsCommand command, VotingGate gate) {
        requireListPhase("has its seats given", gate);
        requireNewMotion(command.motionId(), gate);
        int proposedSeats = command.seats();
        if (procedure == ElectionProcedure.SEATS_ALLOCATED) {
            if (proposedSeats != 0 && proposedSeats != seats) {
                throw new DomainRuleViolation(
                        ErrorCode.SEATS_ALLOCATED,
                        "The level above allocated " + seats + " seats to this election: the congress votes only the"
                                + " surplus.");
            }
            proposedSeats = seats;
        } else if (proposedSeats < 1 || proposedSeats > InputLimits.SEATS_MAX) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "An election needs at least one seat.");
        }
        if (command.surplus() < 0) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The surplus is a number of names, 0 or more.");
        }
        // Alternates are elected on the same ballot: the surplus is over every seat of the ballot.
        int ballotSeats = proposedSeats + alternateSeats;
        if (10L * command.surplus() > 3L * ballotSeats) {
            long most = 3L * ballotSeats / 10;
            throw new DomainRuleViolation(
                    ErrorCode.LIST_TOO_LONG,
                    "A surplus of " + command.surplus() + " names is more than 30 % of " + ballotSeats
                            + " seats: at most " + most + " (regulation 244-QĐ/TW).",
                    Map.of(
                            "seats",
                            (long) ballotSeats,
                            "surplus",
                            (long) command.surplus(),
                            "maxSurplus",
                            most,
                            "maxListed",
                            ballotSeats + most));
        }
        apply(new SeatsProposedEvent(electionId, congressId, command.motionId(), proposedSeats, command.surplus()));
        return new ProposalMotion(
                congressId,
                procedure == ElectionProcedure.SEATS_ALLOCATED
                        ? title + ": số dư " + command.surplus() + " (số lượng cấp trên phân bổ: " + proposedSeats + ")"
                        : title + ": số lượng " + proposedSeats + ", số dư " + command.surplus(),
                electorateElectionId);
    }

    @CommandHandler
    public ProposalMotion handle(ProposeListCommand command, VotingGate gate) {
        requireListPhase("has its list given with each round", gate);
        requireNewMotion(command.motionId(), gate);
        if (!seatsDecided) {
            throw new DomainRuleViolation(
                    ErrorCode.SEATS_NOT_DECIDED,
                    "The congress votes the number of seats and the surplus before the list.");
        }
        List<String> ids = command.candidateIds() == null ? List.of() : command.candidateIds();
        if (ids.isEmpty()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A list needs at least one name.");
        }
        List<Candidate> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            Candidate nominee = nominees.get(id);
            if (nominee == null) {
                throw new DomainRuleViolation(
                        ErrorCode.NOT_NOMINATED, id + " has not been nominated in this election, or has withdrawn.");
            }
            if (list.contains(nominee)) {
                throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "Candidate " + id + " is listed twice.");
            }
            requireEligible(id, gate);
            list.add(nominee);
        }
        int ballotSeats = seats + alternateSeats;
        int most = ballotSeats + surplus;
        if (list.size() > most) {
            throw new DomainRuleViolation(
                    ErrorCode.LIST_TOO_LONG,
                    "The list has " + list.size() + " names for " + ballotSeats + " seats: at most " + ballotSeats
                            + " + " + surplus + " = " + most + ", the surplus the congress decided.",
                    Map.of(
                            "listed", (long) list.size(),
                            "seats", (long) ballotSeats,
                            "surplus", (long) surplus,
                            "maxListed", (long) most));
        }
        apply(new ListProposedEvent(electionId, congressId, command.motionId(), List.copyOf(list)));
        return new ProposalMotion(
                congressId, title + ": danh sách bầu cử " + list.size() + " người", electorateElectionId);
    }

    @CommandHandler
    public ProposalMotion handle(RequestWithdrawalCommand command, VotingGate gate) {
        requireListPhase("takes no nominations", gate);
        requireNewMotion(command.motionId(), gate);
        if (command.candidateId() == null || !nominees.containsKey(command.candidateId())) {
            throw new DomainRuleViolation(
                    ErrorCode.NOT_NOMINATED,
                    command.candidateId() + " has not been nominated in this election, or has withdrawn.");
        }
        apply(new WithdrawalRequestedEvent(
                electionId,
                congressId,
                command.motionId(),
                command.candidateId(),
                command.reason() == null || command.reason().isBlank()
                        ? null
                        : command.reason().strip()));
        return new ProposalMotion(
                congressId,
                title + ": " + nominees.get(command.candidateId()).fullName() + " xin rút",
                electorateElectionId);
    }

    /**
     * Names for the next round beyond the approved list's candidates not yet elected: the congress decides by show of
     * hands whether they are added (regulation 244-QĐ/TW art. 20 cl. 2).
     */
    @CommandHandler
    public ProposalMotion handle(ProposeNewNamesCommand command, VotingGate gate) {
        if (procedure == ElectionProcedure.LIST_GIVEN || round == 0 || roundStatus != RoundStatus.CLOSED) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE,
                    "New names are proposed between the rounds of an election whose list the congress approved.");
        }
        if (seats - seatsFilled <= 0 && alternateSeats - alternatesFilled <= 0) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Every seat is filled: no further round.");
        }
        if (pending != null && gate.motionExists(pending.motionId())) {
            throw new DomainRuleViolation(
                    ErrorCode.PROPOSAL_PENDING,
                    "The congress has not voted yet on motion " + pending.motionId() + " of this election.");
        }
        requireNewMotion(command.motionId(), gate);
        List<Candidate> names = command.candidates() == null ? List.of() : command.candidates();
        if (names.isEmpty()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "Name at least one person to add.");
        }
        Set<String> ids = new HashSet<>();
        List<Candidate> added = new ArrayList<>(names.size());
        for (Candidate c : names) {
            if (c == null
                    || c.candidateId() == null
                    || !c.candidateId().matches(ID)
                    || c.fullName() == null
                    || c.fullName().isBlank()) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "Every name needs an id (letters, digits, . _ ~ -) and a full name.");
            }
            if (!ids.add(c.candidateId())) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST, "Candidate " + c.candidateId() + " is listed twice.");
            }
            if (elected.contains(c.candidateId())) {
                throw new DomainRuleViolation(
                        ErrorCode.CANDIDATE_ALREADY_ELECTED,
                        "Candidate " + c.candidateId()
                                + " was elected in an earlier round and cannot be listed again.");
            }
            if (approvedList.stream().anyMatch(a -> a.candidateId().equals(c.candidateId()))) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST,
                        "Candidate " + c.candidateId() + " is on the approved list already: not a new name.");
            }
            requireEligible(c.candidateId(), gate);
            added.add(new Candidate(c.candidateId(), c.fullName().strip()));
        }
        apply(new NewNamesProposedEvent(electionId, congressId, command.motionId(), round + 1, List.copyOf(added)));
        return new ProposalMotion(
                congressId,
                title + ": bổ sung " + added.size() + " người vào danh sách bầu lần " + (round + 1),
                electorateElectionId);
    }

    /** A motion deciding one of this election's proposals closed: only the pending proposal's motion counts. */
    @CommandHandler
    public void handle(ApplyMotionResultCommand command) {
        if (pending == null || !pending.motionId().equals(command.motionId())) {
            return;
        }
        if (!command.adopted()) {
            apply(new ProposalRejectedEvent(electionId, congressId, command.motionId()));
        } else if (pending.added() != null) {
            apply(new NewNamesAdmittedEvent(electionId, congressId, command.motionId(), round + 1, pending.added()));
        } else if (pending.list() != null) {
            apply(new CandidateListApprovedEvent(electionId, congressId, command.motionId(), pending.list()));
        } else if (pending.candidateId() != null) {
            apply(new CandidateWithdrawnEvent(electionId, congressId, command.motionId(), pending.candidateId()));
        } else {
            apply(new SeatsDecidedEvent(
                    electionId, congressId, command.motionId(), pending.seats(), pending.surplus()));
        }
    }

    /** Nominations, seats, withdrawals and the list are decided before the first round, on an election that takes them. */
    private void requireListPhase(String givenListCase, VotingGate gate) {
        if (procedure == ElectionProcedure.LIST_GIVEN) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE,
                    "This election's list is given by the secretariat with each round: it " + givenListCase + ".");
        }
        if (approvedList != null || round > 0) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE, "The congress has approved this election's list: it is closed.");
        }
        // A proposal whose motion was never created (the secretariat's second request failed) is void.
        if (pending != null && gate.motionExists(pending.motionId())) {
            throw new DomainRuleViolation(
                    ErrorCode.PROPOSAL_PENDING,
                    "The congress has not voted yet on motion " + pending.motionId() + " of this election.");
        }
    }

    private static void requireNewMotion(String motionId, VotingGate gate) {
        if (motionId == null || !motionId.matches(ID)) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "A proposal needs the id of the motion that puts it to the congress.");
        }
        if (gate.motionExists(motionId)) {
            throw new DomainRuleViolation(ErrorCode.MOTION_ALREADY_EXISTS, "Motion " + motionId + " already exists.");
        }
    }

    @CommandHandler
    public void handle(StartRoundCommand command, VotingGate gate) {
        if (roundStatus == RoundStatus.STARTED || roundStatus == RoundStatus.OPEN) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Round " + round + " is not closed yet.");
        }
        if (procedure != ElectionProcedure.LIST_GIVEN && approvedList == null) {
            throw new DomainRuleViolation(
                    ErrorCode.LIST_NOT_APPROVED,
                    "The congress has not approved this election's list by show of hands: no round opens yet.");
        }
        // Officials first: a later round fills the official seats still empty, then the alternates still missing.
        int remaining = Math.max(0, seats - seatsFilled);
        int remainingAlternates = Math.max(0, alternateSeats - alternatesFilled);
        if (remaining == 0 && remainingAlternates == 0) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_STATE, "Every seat is filled: no further round.");
        }
        List<Candidate> list = command.candidates() == null ? List.of() : command.candidates();
        if (procedure != ElectionProcedure.LIST_GIVEN && round == 0) {
            if (list.isEmpty()) {
                list = approvedList;
            } else if (!list.stream()
                    .map(Candidate::candidateId)
                    .toList()
                    .equals(approvedList.stream().map(Candidate::candidateId).toList())) {
                throw new DomainRuleViolation(
                        ErrorCode.LIST_NOT_APPROVED,
                        "The first round's list is the one the congress approved, in its order.");
            }
        }
        String newNamesDecidedBy = null;
        if (procedure != ElectionProcedure.LIST_GIVEN && round > 0) {
            // A later round: the approved list's candidates not yet elected, and the names the congress added.
            if (list.isEmpty()) {
                List<Candidate> next = new ArrayList<>(approvedList.stream()
                        .filter(c -> !elected.contains(c.candidateId()))
                        .toList());
                next.addAll(admitted);
                list = next;
            }
            for (Candidate c : list) {
                String id = c == null ? null : c.candidateId();
                boolean approved =
                        approvedList.stream().anyMatch(a -> a.candidateId().equals(id));
                boolean added = admitted.stream().anyMatch(a -> a.candidateId().equals(id));
                if (!approved && !added && id != null && !elected.contains(id)) {
                    throw new DomainRuleViolation(
                            ErrorCode.NEW_NAMES_NOT_DECIDED,
                            "Candidate " + id + " is not on the approved list: the congress decides by show of hands"
                                    + " whether new names are added to a later round.");
                }
                if (added) {
                    newNamesDecidedBy = admittedBy;
                }
            }
        }
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
        for (Candidate c : list) {
            requireEligible(c.candidateId(), gate);
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
                        .toList(),
                newNamesDecidedBy,
                remainingAlternates));
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
        Electorates.requireElected(gate, electorateElectionId, electorateTitle, "its own election");
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
        // The base is the electorate's: the congress's delegates, or the members of the body that votes.
        VotingGate.Seats present = gate.seats(congressId, electorateElectionId);
        RoundCount.Result count = RoundCount.count(
                candidates,
                roundSeats,
                roundAlternateSeats,
                alternatesFilled + 1,
                rule,
                present.summoned(),
                present.present(),
                opened);
        int ballotSeats = roundSeats + roundAlternateSeats;
        List<ReleasedBallot> released = opened.stream()
                .map(kept -> new ReleasedBallot(kept, RoundCount.isValid(kept, ballotSeats, candidates.size()), null))
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
                released,
                roundAlternateSeats,
                count.alternates(),
                alternatesFilled + 1,
                alternateSeats - alternatesFilled - count.alternates().size(),
                count.tiedAtPosition(),
                electorateElectionId,
                electorateTitle));
    }

    @EventSourcingHandler
    void on(ElectionCreatedEvent event) {
        electionId = event.electionId();
        congressId = event.congressId();
        title = event.title();
        seats = event.seats();
        rule = event.rule();
        procedure = event.procedure();
        alternateSeats = event.alternateSeats();
        electorateElectionId = event.electorateElectionId();
        electorateTitle = event.electorateTitle();
        eligibleFromElectionId = event.eligibleFromElectionId();
        excludingElectionIds = event.excludingElectionIds();
    }

    @EventSourcingHandler
    void on(CandidateNominatedEvent event) {
        nominees.put(event.candidateId(), new Candidate(event.candidateId(), event.fullName()));
    }

    @EventSourcingHandler
    void on(SeatsProposedEvent event) {
        pending = new Proposal(event.motionId(), event.seats(), event.surplus(), null, null, null);
    }

    @EventSourcingHandler
    void on(ListProposedEvent event) {
        pending = new Proposal(event.motionId(), 0, 0, event.candidates(), null, null);
    }

    @EventSourcingHandler
    void on(WithdrawalRequestedEvent event) {
        pending = new Proposal(event.motionId(), 0, 0, null, event.candidateId(), null);
    }

    @EventSourcingHandler
    void on(ProposalRejectedEvent event) {
        pending = null;
    }

    @EventSourcingHandler
    void on(SeatsDecidedEvent event) {
        pending = null;
        seats = event.seats();
        surplus = event.surplus();
        seatsDecided = true;
    }

    @EventSourcingHandler
    void on(CandidateWithdrawnEvent event) {
        pending = null;
        nominees.remove(event.candidateId());
    }

    @EventSourcingHandler
    void on(CandidateListApprovedEvent event) {
        pending = null;
        approvedList = event.candidates();
    }

    @EventSourcingHandler
    void on(RoundStartedEvent event) {
        round = event.round();
        roundId = event.roundId();
        roundSeats = event.seats();
        roundAlternateSeats = event.alternateSeats();
        candidates = event.candidates();
        roundStatus = RoundStatus.STARTED;
        roundPublicKey = null;
        sharesRequired = 0;
        admitted = List.of();
        admittedBy = null;
    }

    @EventSourcingHandler
    void on(NewNamesProposedEvent event) {
        pending = new Proposal(event.motionId(), 0, 0, null, null, event.candidates());
    }

    @EventSourcingHandler
    void on(NewNamesAdmittedEvent event) {
        pending = null;
        admitted = event.candidates();
        admittedBy = event.motionId();
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
        alternatesFilled += event.alternates().size();
        elected.addAll(event.alternates());
    }
}
