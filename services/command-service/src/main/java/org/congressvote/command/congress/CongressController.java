package org.congressvote.command.congress;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.congressvote.api.congress.AcceptAllPendingCredentialsCommand;
import org.congressvote.api.congress.AcceptCredentialsCommand;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CheckOutDelegateCommand;
import org.congressvote.api.congress.CloseCongressCommand;
import org.congressvote.api.congress.CompleteCredentialsVerificationCommand;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.DeclareAbsentCommand;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.ImportRosterCommand;
import org.congressvote.api.congress.OpenSessionCommand;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.congress.ReissueCardCommand;
import org.congressvote.api.congress.RejectCredentialsCommand;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.congress.SeatAlternateCommand;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.InvalidInput;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.command.apidoc.ProblemCodes;
import org.congressvote.command.gate.VotingGate;
import org.congressvote.command.identity.Identities;
import org.congressvote.command.web.CommandSender;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Convening a congress, its roster and credentials, attendance, its session, and its agenda. */
@RestController
@RequestMapping("/api/congresses")
class CongressController {

    private final CommandSender commands;
    private final Identities identities;
    private final VotingGate gate;

    CongressController(CommandSender commands, Identities identities, VotingGate gate) {
        this.commands = commands;
        this.identities = identities;
        this.gate = gate;
    }

    record CreateCongressRequest(String congressId, String name, Fraction quorum, List<Organisation> organisations) {}

    record CongressRef(String congressId) {}

    record RegisterDelegateRequest(
            String delegateId,
            String fullName,
            String organisation,
            DelegateKind kind,
            LocalDate dateOfBirth,
            String position) {}

    record DelegateRef(String congressId, String delegateId) {}

    record RosterImported(String congressId, int imported) {}

    record CredentialsDecision(Decision decision, String reason) {
        enum Decision {
            ACCEPT,
            REJECT
        }
    }

    record SeatAlternateRequest(String alternateId, String replacedDelegateId, String reason) {}

    record ReasonRequest(String reason) {}

    /** {@code electorateElectionId}: the body (formed by that election) whose members vote, none for the congress. */
    record CreateMotionRequest(
            String motionId,
            String title,
            MotionKind kind,
            DecisionRule rule,
            String text,
            String electorateElectionId) {}

    record MotionCreated(String motionId, String congressId) {}

    /** {@code procedure}: LIST_GIVEN (default), SEATS_VOTED (seats 0: the congress votes them) or SEATS_ALLOCATED. */
    /**
     * {@code alternateSeats}: alternates allocated with the seats ({@code SEATS_ALLOCATED}); {@code
     * electorateElectionId}: the body (formed by that election) whose members vote, none for the congress;
     * {@code eligibleFromElectionId}: the body the candidates must come from; {@code excludingElectionIds}: elections
     * whose elected may not be candidates.
     */
    record CreateElectionRequest(
            String electionId,
            String title,
            int seats,
            DecisionRule rule,
            ElectionProcedure procedure,
            Integer alternateSeats,
            String electorateElectionId,
            String eligibleFromElectionId,
            List<String> excludingElectionIds) {}

    record ElectionCreated(String electionId, String congressId) {}

    @ProblemCodes({ErrorCode.ALREADY_EXISTS})
    @PostMapping
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<CongressRef> create(@RequestBody CreateCongressRequest request) {
        String id = request.congressId() == null ? UUID.randomUUID().toString() : request.congressId();
        InputLimits.id(id, "congressId");
        InputLimits.name(request.name(), "name");
        fraction(request.quorum(), "quorum");
        InputLimits.list(request.organisations(), "organisations", InputLimits.LIST_MAX);
        if (request.organisations() != null) {
            for (Organisation organisation : request.organisations()) {
                if (organisation != null) {
                    InputLimits.line(organisation.code(), "organisations.code", InputLimits.ID_MAX);
                    InputLimits.name(organisation.name(), "organisations.name");
                    InputLimits.number(organisation.members(), "organisations.members", 0, InputLimits.MEMBERS_MAX);
                }
            }
        }
        commands.send(new CreateCongressCommand(
                id,
                request.name(),
                request.quorum(),
                request.organisations() == null ? List.of() : request.organisations()));
        return ResponseEntity.created(URI.create("/api/congresses/" + id)).body(new CongressRef(id));
    }

    @ProblemCodes({ErrorCode.DELEGATE_ALREADY_REGISTERED, ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/delegates")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<DelegateRef> register(
            @PathVariable String congressId, @RequestBody RegisterDelegateRequest request) {
        InputLimits.id(request.delegateId(), "delegateId");
        InputLimits.name(request.fullName(), "fullName");
        InputLimits.name(request.organisation(), "organisation");
        InputLimits.date(request.dateOfBirth(), "dateOfBirth");
        InputLimits.name(request.position(), "position");
        commands.send(new RegisterDelegateCommand(
                congressId,
                request.delegateId(),
                request.fullName(),
                request.organisation(),
                request.kind() == null ? DelegateKind.OFFICIAL : request.kind(),
                request.dateOfBirth(),
                request.position()));
        return ResponseEntity.created(
                        URI.create("/api/congresses/" + congressId + "/delegates/" + request.delegateId()))
                .body(new DelegateRef(congressId, request.delegateId()));
    }

    /** The roster as a CSV file (UTF-8): all or nothing, with a report of every bad row. */
    @ProblemCodes({ErrorCode.ROSTER_REJECTED, ErrorCode.CONGRESS_STATE})
    @PostMapping(
            path = "/{congressId}/roster",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<RosterImported> importRoster(
            @PathVariable String congressId, @RequestBody(required = false) byte[] csv) {
        // an empty body is an empty file: answered with the roster's own report, not a generic "body missing"
        List<RosterEntry> entries = RosterCsv.parse(csv == null ? new byte[0] : csv);
        commands.send(new ImportRosterCommand(congressId, entries));
        return ResponseEntity.created(URI.create("/api/congresses/" + congressId + "/attendance"))
                .body(new RosterImported(congressId, entries.size()));
    }

    @ProblemCodes({ErrorCode.DELEGATE_NOT_REGISTERED, ErrorCode.CREDENTIALS_ALREADY_DECIDED, ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/delegates/{delegateId}/credentials")
    DelegateRef credentials(
            @PathVariable String congressId,
            @PathVariable String delegateId,
            @RequestBody CredentialsDecision request) {
        if (request.decision() == null) {
            throw new InvalidInput("decision", "The decision must be ACCEPT or REJECT.");
        }
        InputLimits.reason(request.reason(), "reason");
        commands.send(
                request.decision() == CredentialsDecision.Decision.ACCEPT
                        ? new AcceptCredentialsCommand(congressId, delegateId)
                        : new RejectCredentialsCommand(congressId, delegateId, request.reason()));
        return new DelegateRef(congressId, delegateId);
    }

    /** Accepts the credentials of every delegate not yet decided on: one event each. */
    @PostMapping("/{congressId}/credentials/accept-pending")
    CongressRef acceptPending(@PathVariable String congressId) {
        commands.send(new AcceptAllPendingCredentialsCommand(congressId));
        return new CongressRef(congressId);
    }

    @ProblemCodes({ErrorCode.CREDENTIALS_PENDING, ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/credentials/complete")
    CongressRef completeCredentials(@PathVariable String congressId) {
        commands.send(new CompleteCredentialsVerificationCommand(congressId));
        return new CongressRef(congressId);
    }

    @ProblemCodes({ErrorCode.ALTERNATE_NOT_ALLOWED, ErrorCode.DELEGATE_NOT_REGISTERED, ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/alternates")
    DelegateRef seatAlternate(@PathVariable String congressId, @RequestBody SeatAlternateRequest request) {
        InputLimits.id(request.alternateId(), "alternateId");
        InputLimits.id(request.replacedDelegateId(), "replacedDelegateId");
        InputLimits.reason(request.reason(), "reason");
        commands.send(new SeatAlternateCommand(
                congressId, request.alternateId(), request.replacedDelegateId(), request.reason()));
        return new DelegateRef(congressId, request.alternateId());
    }

    @ProblemCodes({ErrorCode.DELEGATE_NOT_REGISTERED, ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/delegates/{delegateId}/absence")
    DelegateRef declareAbsent(
            @PathVariable String congressId,
            @PathVariable String delegateId,
            @RequestBody(required = false) ReasonRequest request) {
        commands.send(new DeclareAbsentCommand(congressId, delegateId, requiredReason(request)));
        return new DelegateRef(congressId, delegateId);
    }

    /**
     * A delegate's card: the one-time code (printed with a QR code) that the delegate exchanges on their phone for a
     * session bound to them alone. Shown once; only its hash is kept.
     */
    record CheckedIn(String congressId, String delegateId, String credentialCode) {}

    /** Checks a delegate in; on their first check-in the answer carries the code for their card. */
    @ProblemCodes({ErrorCode.DELEGATE_NOT_REGISTERED, ErrorCode.DELEGATE_ALREADY_PRESENT, ErrorCode.NO_VOTING_RIGHT})
    @PostMapping("/{congressId}/delegates/{delegateId}/check-in")
    CheckedIn checkIn(@PathVariable String congressId, @PathVariable String delegateId) {
        commands.send(new CheckInDelegateCommand(congressId, delegateId));
        String code = identities.hasCard(congressId, delegateId) ? null : identities.issueCard(congressId, delegateId);
        return new CheckedIn(congressId, delegateId, code);
    }

    /**
     * A lost card: revokes the old code and every session of the delegate at once, and issues a new code. The re-issue
     * is first stored as an event with its actor and reason (refused without a reason), so a card the staff could
     * sign in with never leaves the record's sight.
     */
    @ProblemCodes({ErrorCode.DELEGATE_NOT_REGISTERED})
    @PostMapping("/{congressId}/delegates/{delegateId}/card")
    CheckedIn reissueCard(
            @PathVariable String congressId,
            @PathVariable String delegateId,
            @RequestBody(required = false) ReasonRequest request) {
        String reason = requiredReason(request);
        if (!gate.isRegistered(congressId, delegateId)) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_REGISTERED,
                    "Delegate " + delegateId + " is not on the roster of congress " + congressId + ".");
        }
        commands.send(new ReissueCardCommand(congressId, delegateId, reason));
        return new CheckedIn(congressId, delegateId, identities.issueCard(congressId, delegateId));
    }

    @ProblemCodes({ErrorCode.DELEGATE_NOT_REGISTERED, ErrorCode.DELEGATE_NOT_PRESENT})
    @PostMapping("/{congressId}/delegates/{delegateId}/check-out")
    DelegateRef checkOut(
            @PathVariable String congressId,
            @PathVariable String delegateId,
            @RequestBody(required = false) ReasonRequest request) {
        commands.send(new CheckOutDelegateCommand(congressId, delegateId, requiredReason(request)));
        return new DelegateRef(congressId, delegateId);
    }

    /** Every staff action that changes who votes says why: a reason of 1 to 1000 characters. */
    private static String requiredReason(ReasonRequest request) {
        String reason = request == null ? null : request.reason();
        InputLimits.reason(reason, "reason");
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput(
                    "reason",
                    "The field 'reason' is required: say why (at most " + InputLimits.REASON_MAX + " characters).");
        }
        return reason;
    }

    @PostMapping("/{congressId}/session/open")
    CongressRef openSession(@PathVariable String congressId) {
        commands.send(new OpenSessionCommand(congressId));
        return new CongressRef(congressId);
    }

    @ProblemCodes({ErrorCode.CONGRESS_STATE})
    @PostMapping("/{congressId}/close")
    CongressRef close(@PathVariable String congressId) {
        commands.send(new CloseCongressCommand(congressId));
        return new CongressRef(congressId);
    }

    @ProblemCodes({
        ErrorCode.CONGRESS_NOT_FOUND,
        ErrorCode.CONGRESS_STATE,
        ErrorCode.ALREADY_EXISTS,
        ErrorCode.BODY_NOT_FOUND
    })
    @PostMapping("/{congressId}/motions")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<MotionCreated> createMotion(
            @PathVariable String congressId, @RequestBody CreateMotionRequest request) {
        String id = request.motionId() == null ? UUID.randomUUID().toString() : request.motionId();
        InputLimits.id(id, "motionId");
        InputLimits.name(request.title(), "title");
        InputLimits.longText(request.text(), "text");
        rule(request.rule());
        InputLimits.optionalId(request.electorateElectionId(), "electorateElectionId");
        commands.send(new CreateMotionCommand(
                id,
                congressId,
                request.title(),
                request.kind() == null ? MotionKind.PROCEDURAL : request.kind(),
                request.rule() == null ? DecisionRule.MAJORITY_OF_SUMMONED : request.rule(),
                request.text(),
                null,
                request.electorateElectionId()));
        return ResponseEntity.created(URI.create("/api/motions/" + id)).body(new MotionCreated(id, congressId));
    }

    @ProblemCodes({
        ErrorCode.CONGRESS_NOT_FOUND,
        ErrorCode.CONGRESS_STATE,
        ErrorCode.ALREADY_EXISTS,
        ErrorCode.BODY_NOT_FOUND
    })
    @PostMapping("/{congressId}/elections")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<ElectionCreated> createElection(
            @PathVariable String congressId, @RequestBody CreateElectionRequest request) {
        String id = request.electionId() == null ? UUID.randomUUID().toString() : request.electionId();
        InputLimits.id(id, "electionId");
        InputLimits.name(request.title(), "title");
        InputLimits.number(
                request.seats(),
                "seats",
                request.procedure() == ElectionProcedure.SEATS_VOTED ? 0 : 1,
                request.procedure() == ElectionProcedure.SEATS_VOTED ? 0 : InputLimits.SEATS_MAX);
        rule(request.rule());
        int alternateSeats = request.alternateSeats() == null ? 0 : request.alternateSeats();
        InputLimits.number(alternateSeats, "alternateSeats", 0, InputLimits.SEATS_MAX);
        InputLimits.optionalId(request.electorateElectionId(), "electorateElectionId");
        InputLimits.optionalId(request.eligibleFromElectionId(), "eligibleFromElectionId");
        InputLimits.list(request.excludingElectionIds(), "excludingElectionIds", InputLimits.LIST_MAX);
        if (request.excludingElectionIds() != null) {
            request.excludingElectionIds().forEach(e -> InputLimits.id(e, "excludingElectionIds"));
        }
        commands.send(new CreateElectionCommand(
                id,
                congressId,
                request.title(),
                request.seats(),
                request.rule(),
                request.procedure(),
                alternateSeats,
                request.electorateElectionId(),
                request.eligibleFromElectionId(),
                request.excludingElectionIds()));
        return ResponseEntity.created(URI.create("/api/elections/" + id)).body(new ElectionCreated(id, congressId));
    }

    private static void rule(DecisionRule rule) {
        if (rule != null) {
            fraction(rule.fraction(), "rule.fraction");
        }
    }

    private static void fraction(Fraction fraction, String field) {
        if (fraction != null) {
            InputLimits.number(fraction.denominator(), field + ".denominator", 1, InputLimits.DENOMINATOR_MAX);
        }
    }
}
