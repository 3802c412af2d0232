package org.congressvote.command.election;

import org.congressvote.command.web.CommandSender;
import org.congressvote.command.web.Refusals;
import org.congressvote.command.web.Voter;
import org.congressvote.api.Sha256;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.OpenRoundCommand;
import org.congressvote.api.election.ReceiptCode;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.command.identity.Principal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Election rounds and secret ballots. */
@RestController
@RequestMapping("/api")
class ElectionController {

    private static final char[] RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final CommandSender commands;
    private final EventStore eventStore;
    private final SecureRandom random = new SecureRandom();

    ElectionController(CommandSender commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    record StartRoundRequest(List<Candidate> candidates) {
    }

    record ElectionRef(String electionId) {
    }

    record RoundStarted(String electionId) {
    }

    record CastBallotRequest(String delegateId, List<String> kept, String requestId) {
    }

    /**
     * The receipt code is shown once, to the delegate only. It is not stored anywhere but as a hash beside the
     * ballot, so a retried request cannot get it again: {@code receiptCode} is null in that answer.
     */
    record BallotRecorded(String roundId, String delegateId, String receiptCode, boolean retry) {
    }

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

    @PostMapping("/elections/{electionId}/open")
    ElectionRef open(@PathVariable String electionId) {
        commands.send(new OpenRoundCommand(electionId));
        return new ElectionRef(electionId);
    }

    @PostMapping("/elections/{electionId}/close")
    ElectionRef close(@PathVariable String electionId) {
        commands.send(new CloseRoundCommand(electionId));
        return new ElectionRef(electionId);
    }

    @PostMapping("/rounds/{roundId}/ballots")
    @ApiResponse(responseCode = "201", description = "created or recorded") // the answer is built below
    ResponseEntity<BallotRecorded> cast(@PathVariable String roundId, @RequestBody CastBallotRequest request,
                                        @AuthenticationPrincipal Principal voter) {
        InputLimits.optionalId(request.delegateId(), "delegateId");
        String delegateId = Voter.delegateOf(voter, request.delegateId());
        String requestId = request.requestId() == null ? UUID.randomUUID().toString() : request.requestId();
        InputLimits.id(requestId, "requestId");
        InputLimits.list(request.kept(), "kept", InputLimits.LIST_MAX);
        if (request.kept() != null) {
            request.kept().forEach(candidate -> InputLimits.optionalId(candidate, "kept"));
        }
        String receipt = newReceiptCode();
        CastBallotCommand command = new CastBallotCommand(roundId, delegateId, request.kept(), receipt,
                Sha256.hex(roundId + "\n" + requestId), voter.congressId());
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
            if (events.hasNext() && events.peek().getPayload() instanceof BallotCastEvent cast
                    && command.requestHash().equals(cast.requestHash())) {
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(new BallotRecorded(roundId, delegateId, null, true));
            }
            if (refused instanceof AggregateStreamCreationException) {
                throw new DomainRuleViolation(ErrorCode.ALREADY_VOTED,
                        "Delegate " + delegateId + " has already returned a ballot in round " + roundId + ".");
            }
            throw refused;
        }
    }

    private String newReceiptCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            code.append(RECEIPT_ALPHABET[random.nextInt(RECEIPT_ALPHABET.length)]);
        }
        return ReceiptCode.shown(code.toString());
    }
}
