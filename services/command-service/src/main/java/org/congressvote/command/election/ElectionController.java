package org.congressvote.command.election;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.Sha256;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.election.NominateCandidateCommand;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.ProposeListCommand;
import org.congressvote.api.election.ProposeNewNamesCommand;
import org.congressvote.api.election.ProposeSeatsCommand;
import org.congressvote.api.election.RequestWithdrawalCommand;
import org.congressvote.api.election.SealedBallots;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.command.apidoc.ProblemCodes;
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

/** Election rounds and secret ballots. */
@RestController
@RequestMapping("/api")
class ElectionController {

    private final CommandSender commands;
    private final EventStore eventStore;
    private final CountingCommittee committee;
    private final JdbcTemplate jdbc;

    ElectionController(CommandSender commands, EventStore eventStore, CountingCommittee committee, JdbcTemplate jdbc) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.committee = committee;
        this.jdbc = jdbc;
    }

    record StartRoundRequest(List<Candidate> candidates) {}

    /** {@code nominatedBy}: the delegate who nominates (the nominee for SELF); none for the presidium's names. */
    record NominationRequest(
            String candidateId, String fullName, NominationKind kind, String nominatedBy, String consent) {}

    record Nominated(String electionId, String candidateId) {}

    /** {@code motionId}: optional, one is made; the motion is then opened, voted and closed like any other. */
    record SeatsProposal(String motionId, int seats, int surplus) {}

    record ListProposal(String motionId, List<String> candidateIds) {}

    record WithdrawalRequest(String motionId, String candidateId, String reason) {}

    record NewNamesProposal(String motionId, List<Candidate> candidates) {}

    /** The show of hands that decides the proposal: {@code /api/motions/{motionId}}. */
    record ProposalPut(String electionId, String motionId, String congressId, String title) {}

    record ElectionRef(String electionId) {}

    record RoundStarted(String electionId) {}

    /**
     * {@code padding}: ignored; the page pads every ballot request to one length, so the request's size says nothing
     * of how many names were kept.
     */
    record CastBallotRequest(String delegateId, List<String> kept, String requestId, String padding) {}

    record KeyCeremonyRequest(int sharesRequired, List<String> holders) {}

    record ShareRequest(String share) {}

    /**
     * The receipt code is derived from the sealed ballot and shown once, to the delegate only; the server keeps
     * nothing that ties it to the delegate, so a retried request cannot get it again: {@code receiptCode} is null then.
     */
    record BallotRecorded(String roundId, String delegateId, String receiptCode, boolean retry) {}

    @ProblemCodes({
        ErrorCode.ELECTION_STATE,
        ErrorCode.CANDIDATE_ALREADY_ELECTED,
        ErrorCode.LIST_NOT_APPROVED,
        ErrorCode.NEW_NAMES_NOT_DECIDED,
        ErrorCode.NOT_ELIGIBLE
    })
    @PostMapping("/elections/{electionId}/rounds")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<RoundStarted> startRound(@PathVariable String electionId, @RequestBody StartRoundRequest request) {
        InputLimits.list(request.candidates(), "candidates", InputLimits.LIST_MAX);
        if (request.candidates() != null) {
            for (Candidate candidate : request.candidates()) {
                if (candidate != null) {
                    InputLimits.optionalId(candidate.candidateId(), "candidates.candidateId");
                    InputLimits.name(candidate.fullName(), "candidates.fullName");
                }
            }
        }
        commands.send(new StartRoundCommand(electionId, request.candidates()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new RoundStarted(electionId));
    }

    @ProblemCodes({
        ErrorCode.ELECTION_STATE,
        ErrorCode.CONSENT_MISSING,
        ErrorCode.ALREADY_NOMINATED,
        ErrorCode.DELEGATE_NOT_REGISTERED,
        ErrorCode.CANDIDATE_ALREADY_ELECTED,
        ErrorCode.NOT_ELIGIBLE,
        ErrorCode.NOT_IN_ELECTORATE
    })
    @PostMapping("/elections/{electionId}/nominations")
    @ApiResponse(responseCode = "201", description = "recorded") // the answer is built below
    ResponseEntity<Nominated> nominate(@PathVariable String electionId, @RequestBody NominationRequest request) {
        InputLimits.optionalId(request.candidateId(), "candidateId");
        InputLimits.name(request.fullName(), "fullName");
        InputLimits.optionalId(request.nominatedBy(), "nominatedBy");
        InputLimits.reason(request.consent(), "consent");
        commands.send(new NominateCandidateCommand(
                electionId,
                request.candidateId(),
                request.fullName(),
                request.kind(),
                request.nominatedBy(),
                request.consent()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Nominated(electionId, request.candidateId()));
    }

    /**
     * What a delegate's phone sends: {@code SELF} (ứng cử) needs nothing more; {@code DELEGATE} (đề cử) names the
     * nominee: a delegate by their code, or a member who is not one by full name with their consent.
     */
    record DelegateNominationRequest(NominationKind kind, String candidateId, String fullName, String consent) {}

    /**
     * A delegate self-nominates or nominates someone else from their phone: the nominator is the session's delegate,
     * never a field of the request, and a delegate nominee's name is the roster's. A member who is not a delegate and
     * has no id gets one made from the name, so naming the same person twice is refused as ALREADY_NOMINATED.
     */
    @ProblemCodes({
        ErrorCode.ELECTION_STATE,
        ErrorCode.CONSENT_MISSING,
        ErrorCode.ALREADY_NOMINATED,
        ErrorCode.DELEGATE_NOT_REGISTERED,
        ErrorCode.CANDIDATE_ALREADY_ELECTED,
        ErrorCode.NOT_ELIGIBLE,
        ErrorCode.NOT_IN_ELECTORATE
    })
    @PostMapping("/delegate/elections/{electionId}/nominations")
    @ApiResponse(responseCode = "201", description = "recorded") // the answer is built below
    ResponseEntity<Nominated> nominateAsDelegate(
            @PathVariable String electionId,
            @RequestBody DelegateNominationRequest request,
            @AuthenticationPrincipal Principal delegate) {
        String nominator = Voter.delegateOf(delegate, null);
        InputLimits.optionalId(request.candidateId(), "candidateId");
        InputLimits.name(request.fullName(), "fullName");
        InputLimits.reason(request.consent(), "consent");
        if (request.kind() != NominationKind.SELF && request.kind() != NominationKind.DELEGATE) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "A delegate nominates themselves (SELF) or someone else (DELEGATE); the presidium's names come"
                            + " from the secretariat.");
        }
        String candidateId = request.kind() == NominationKind.SELF ? nominator : request.candidateId();
        String rosterName = candidateId == null ? null : rosterName(delegate.congressId(), candidateId);
        String fullName = rosterName != null ? rosterName : request.fullName();
        if (candidateId == null) {
            if (fullName == null || fullName.isBlank()) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST, "Name the nominee: a delegate's code, or a member's full name.");
            }
            candidateId = memberId(fullName);
        }
        commands.send(new NominateCandidateCommand(
                electionId, candidateId, fullName, request.kind(), nominator, request.consent()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Nominated(electionId, candidateId));
    }

    private String rosterName(String congressId, String delegateId) {
        List<String> names = jdbc.queryForList(
                "SELECT full_name FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                String.class,
                congressId,
                delegateId);
        return names.isEmpty() ? null : names.get(0);
    }

    /** The same name, however spaced or cased, gives the same id. */
    static String memberId(String fullName) {
        String normal = Normalizer.normalize(fullName.strip(), Normalizer.Form.NFC)
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        return "m-" + Sha256.hex(normal).substring(0, 12);
    }

    @ProblemCodes({ErrorCode.ELECTION_STATE, ErrorCode.SEATS_ALLOCATED, ErrorCode.PROPOSAL_PENDING})
    @PostMapping("/elections/{electionId}/seats")
    @ApiResponse(responseCode = "201", description = "put to the congress") // the answer is built below
    ResponseEntity<ProposalPut> proposeSeats(@PathVariable String electionId, @RequestBody SeatsProposal request) {
        String motionId = motionId(request.motionId(), electionId, "so-luong");
        return put(
                electionId,
                motionId,
                new ProposeSeatsCommand(electionId, motionId, request.seats(), request.surplus()));
    }

    @ProblemCodes({
        ErrorCode.ELECTION_STATE,
        ErrorCode.SEATS_NOT_DECIDED,
        ErrorCode.NOT_NOMINATED,
        ErrorCode.LIST_TOO_LONG,
        ErrorCode.PROPOSAL_PENDING,
        ErrorCode.NOT_ELIGIBLE
    })
    @PostMapping("/elections/{electionId}/list")
    @ApiResponse(responseCode = "201", description = "put to the congress") // the answer is built below
    ResponseEntity<ProposalPut> proposeList(@PathVariable String electionId, @RequestBody ListProposal request) {
        InputLimits.list(request.candidateIds(), "candidateIds", InputLimits.LIST_MAX);
        if (request.candidateIds() != null) {
            request.candidateIds().forEach(id -> InputLimits.optionalId(id, "candidateIds"));
        }
        String motionId = motionId(request.motionId(), electionId, "danh-sach");
        return put(electionId, motionId, new ProposeListCommand(electionId, motionId, request.candidateIds()));
    }

    @ProblemCodes({ErrorCode.ELECTION_STATE, ErrorCode.NOT_NOMINATED, ErrorCode.PROPOSAL_PENDING})
    @PostMapping("/elections/{electionId}/withdrawals")
    @ApiResponse(responseCode = "201", description = "put to the congress") // the answer is built below
    ResponseEntity<ProposalPut> requestWithdrawal(
            @PathVariable String electionId, @RequestBody WithdrawalRequest request) {
        InputLimits.optionalId(request.candidateId(), "candidateId");
        InputLimits.reason(request.reason(), "reason");
        String motionId = motionId(request.motionId(), electionId, "xin-rut");
        return put(
                electionId,
                motionId,
                new RequestWithdrawalCommand(electionId, motionId, request.candidateId(), request.reason()));
    }

    @ProblemCodes({ErrorCode.ELECTION_STATE, ErrorCode.PROPOSAL_PENDING, ErrorCode.NOT_ELIGIBLE})
    @PostMapping("/elections/{electionId}/new-names")
    @ApiResponse(responseCode = "201", description = "put to the congress") // the answer is built below
    ResponseEntity<ProposalPut> proposeNewNames(
            @PathVariable String electionId, @RequestBody NewNamesProposal request) {
        InputLimits.list(request.candidates(), "candidates", InputLimits.LIST_MAX);
        if (request.candidates() != null) {
            for (Candidate candidate : request.candidates()) {
                if (candidate != null) {
                    InputLimits.optionalId(candidate.candidateId(), "candidates.candidateId");
                    InputLimits.name(candidate.fullName(), "candidates.fullName");
                }
            }
        }
        String motionId = motionId(request.motionId(), electionId, "bo-sung");
        return put(electionId, motionId, new ProposeNewNamesCommand(electionId, motionId, request.candidates()));
    }

    private static String motionId(String requested, String electionId, String what) {
        if (requested != null) {
            return InputLimits.id(requested, "motionId");
        }
        String made =
                electionId + "-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
        return made.length() <= InputLimits.ID_MAX ? made : UUID.randomUUID().toString();
    }

    /**
     * The election records the proposal, then the motion that decides it is created with the election to apply its
     * result to; a proposal whose motion could not be created decides nothing and does not block the next one.
     */
    private ResponseEntity<ProposalPut> put(String electionId, String motionId, Object proposal) {
        Election.ProposalMotion motion = commands.send(proposal);
        commands.send(new CreateMotionCommand(
                motionId,
                motion.congressId(),
                motion.title(),
                MotionKind.PROCEDURAL,
                DecisionRule.MAJORITY_OF_SUMMONED,
                null,
                electionId,
                motion.electorateElectionId()));
        return ResponseEntity.created(URI.create("/api/motions/" + motionId))
                .body(new ProposalPut(electionId, motionId, motion.congressId(), motion.title()));
    }

    @ProblemCodes({
        ErrorCode.ELECTION_STATE,
        ErrorCode.CONGRESS_STATE,
        ErrorCode.BALLOT_BOX_KEY_MISSING,
        ErrorCode.BODY_NOT_ELECTED
    })
    @PostMapping("/elections/{electionId}/open")
    ElectionRef open(@PathVariable String electionId) {
        committee.demoCeremonyIfNeeded(electionId);
        commands.send(new OpenRoundCommand(electionId));
        return new ElectionRef(electionId);
    }

    /** The secretariat's close: proceeds once the vote-counting committee's shares are in (409 KEY_SHARES_MISSING). */
    @ProblemCodes({ErrorCode.ELECTION_STATE, ErrorCode.KEY_SHARES_MISSING, ErrorCode.LOG_NOT_INTACT})
    @PostMapping("/elections/{electionId}/close")
    CountingCommittee.Opening close(@PathVariable String electionId) {
        return committee.close(electionId);
    }

    /**
     * The key ceremony (vote-counting committee): the key pair of the round waiting to open, its private key split
     * among the members named, {@code sharesRequired} of them to open the box. The shares are in this answer only.
     */
    @ProblemCodes({ErrorCode.ELECTION_STATE})
    @PostMapping("/elections/{electionId}/key")
    ResponseEntity<CountingCommittee.KeyHandedOut> createKey(
            @PathVariable String electionId,
            @RequestBody KeyCeremonyRequest request,
            @AuthenticationPrincipal Principal member) {
        InputLimits.list(request.holders(), "holders", 255);
        if (request.holders() != null) {
            request.holders().forEach(holder -> InputLimits.name(holder, "holders"));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(committee.ceremony(electionId, request.sharesRequired(), request.holders(), member.getName()));
    }

    /** A member of the vote-counting committee presents their share; the last one required closes the round. */
    @ProblemCodes({ErrorCode.KEY_SHARE_INVALID, ErrorCode.ELECTION_STATE})
    @PostMapping("/elections/{electionId}/shares")
    CountingCommittee.Opening presentShare(
            @PathVariable String electionId,
            @RequestBody ShareRequest request,
            @AuthenticationPrincipal Principal member) {
        if (request.share() == null || request.share().length() > 400) {
            throw new DomainRuleViolation(ErrorCode.KEY_SHARE_INVALID, "Type or scan the share printed on your card.");
        }
        return committee.present(electionId, request.share(), member.getName());
    }

    @GetMapping("/elections/{electionId}/shares")
    CountingCommittee.Opening shares(@PathVariable String electionId) {
        return committee.status(electionId);
    }

    @ProblemCodes({
        ErrorCode.ROUND_NOT_FOUND,
        ErrorCode.ROUND_NOT_OPEN,
        ErrorCode.INVALID_BALLOT,
        ErrorCode.NO_VOTING_RIGHT,
        ErrorCode.DELEGATE_NOT_PRESENT,
        ErrorCode.ALREADY_VOTED,
        ErrorCode.BALLOT_BOX_KEY_MISSING,
        ErrorCode.NOT_IN_ELECTORATE
    })
    @PostMapping("/rounds/{roundId}/ballots")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<BallotRecorded> cast(
            @PathVariable String roundId,
            @RequestBody CastBallotRequest request,
            @AuthenticationPrincipal Principal voter) {
        InputLimits.optionalId(request.delegateId(), "delegateId");
        String delegateId = Voter.delegateOf(voter, request.delegateId());
        String requestId = request.requestId() == null ? UUID.randomUUID().toString() : request.requestId();
        InputLimits.id(requestId, "requestId");
        InputLimits.list(request.kept(), "kept", InputLimits.LIST_MAX);
        if (request.kept() != null) {
            request.kept().forEach(candidate -> InputLimits.optionalId(candidate, "kept"));
        }
        byte[] sealed = seal(roundId, request.kept() == null ? List.of() : request.kept());
        String receipt = sealed == null ? null : SealedBallots.receiptCode(sealed);
        CastBallotCommand command = new CastBallotCommand(
                roundId,
                delegateId,
                request.kept(),
                sealed == null ? null : Base64.getEncoder().encodeToString(sealed),
                Sha256.hex(roundId + "\n" + requestId),
                voter.congressId());
        try {
            commands.send(command);
            return ResponseEntity.created(URI.create("/api/rounds/" + roundId + "/ballots"))
                    .body(new BallotRecorded(roundId, delegateId, receipt, false));
        } catch (RuntimeException refused) {
            if (!Refusals.isRefusal(refused)) {
                throw refused;
            }
            // A retry of a stored request gets the original answer whatever happened since (round closed, delegate
            // checked out, card re-issued); the receipt code was shown once and is not stored, so it is not repeated.
            var events = eventStore.readEvents(command.participationId());
            if (events.hasNext()
                    && events.peek().getPayload() instanceof BallotCastEvent cast
                    && command.requestHash().equals(cast.requestHash())) {
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(new BallotRecorded(roundId, delegateId, null, true));
            }
            if (refused instanceof AggregateStreamCreationException) {
                throw new DomainRuleViolation(
                        ErrorCode.ALREADY_VOTED,
                        "Delegate " + delegateId + " has already returned a ballot in round " + roundId + ".");
            }
            throw refused;
        }
    }

    /**
     * The ballot sealed to the round's public key, before anything is stored; null when the round has no key or the
     * ballot cannot be a ballot of this round (the command is then refused with the reason).
     */
    private byte[] seal(String roundId, List<String> kept) {
        return jdbc.query(
                "SELECT public_key, candidate_ids FROM round_gate WHERE round_id = ? AND public_key IS NOT NULL",
                rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    List<String> candidates =
                            Arrays.asList((String[]) rs.getArray(2).getArray());
                    if (kept.stream().anyMatch(id -> id == null || !candidates.contains(id))) {
                        return null;
                    }
                    return SealedBox.seal(rs.getString(1), roundId, kept, candidates);
                },
                roundId);
    }
}
