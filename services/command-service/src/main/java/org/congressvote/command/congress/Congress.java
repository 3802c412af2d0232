package org.congressvote.command.congress;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.congress.AcceptAllPendingCredentialsCommand;
import org.congressvote.api.congress.AcceptCredentialsCommand;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CardReissuedEvent;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CheckOutDelegateCommand;
import org.congressvote.api.congress.CloseCongressCommand;
import org.congressvote.api.congress.CompleteCredentialsVerificationCommand;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DeclareAbsentCommand;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.ImportRosterCommand;
import org.congressvote.api.congress.OpenSessionCommand;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.congress.ReissueCardCommand;
import org.congressvote.api.congress.RejectCredentialsCommand;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.congress.SeatAlternateCommand;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.RosterRejected;
import org.congressvote.command.gate.VotingGate;

/**
 * A congress: its organisations, its roster of officials and alternates, the credentials committee's decisions,
 * who sits in place of whom, who is in the hall, and where it stands (convened, credentials verified, in session,
 * closed).
 */
@Aggregate(cache = "aggregateCache")
public class Congress {

    private enum Credentials {
        PENDING,
        ACCEPTED,
        REJECTED
    }

    private static final class Delegate {
        DelegateKind kind;
        Credentials credentials = Credentials.PENDING;
        String replacedBy;
        String seatedFor;
        boolean declaredAbsent;
        boolean attended;
        boolean present;

        // Axon's fixtures compare the state a handler leaves with the state its events rebuild: value equality.
        @Override
        public boolean equals(Object o) {
            return o instanceof Delegate d
                    && kind == d.kind
                    && credentials == d.credentials
                    && java.util.Objects.equals(replacedBy, d.replacedBy)
                    && java.util.Objects.equals(seatedFor, d.seatedFor)
                    && declaredAbsent == d.declaredAbsent
                    && attended == d.attended
                    && present == d.present;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(kind, credentials, replacedBy, seatedFor, declaredAbsent, attended, present);
        }
    }

    @AggregateIdentifier
    private String congressId;

    private CongressStatus status;
    private final Set<String> organisations = new HashSet<>();
    private final Map<String, Delegate> delegates = new HashMap<>();

    protected Congress() {
        // for Axon
    }

    @CommandHandler
    public Congress(CreateCongressCommand command) {
        requireText(command.congressId(), "congressId");
        requireText(command.name(), "name");
        Fraction quorum = command.quorum() == null ? Fraction.TWO_THIRDS : command.quorum();
        List<Organisation> orgs = command.organisations() == null ? List.of() : command.organisations();
        Set<String> codes = new HashSet<>();
        for (Organisation org : orgs) {
            if (org == null
                    || org.code() == null
                    || org.code().isBlank()
                    || org.name() == null
                    || org.name().isBlank()) {
                throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "Every organisation needs a code and a name.");
            }
            if (!codes.add(org.code())) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST, "Organisation code " + org.code() + " is listed twice.");
            }
            if (org.members() < 0) {
                throw new DomainRuleViolation(
                        ErrorCode.INVALID_REQUEST, "Organisation " + org.code() + " has a negative member count.");
            }
        }
        apply(new CongressCreatedEvent(command.congressId(), command.name().strip(), quorum, List.copyOf(orgs)));
    }

    @CommandHandler
    public void handle(RegisterDelegateCommand command) {
        requireStatus(CongressStatus.CONVENED, "register delegates");
        RosterEntry entry = new RosterEntry(
                command.delegateId(),
                command.fullName(),
                command.organisation(),
                command.kind(),
                command.dateOfBirth(),
                command.position());
        String problem = problemWith(entry, Set.of());
        if (problem != null) {
            throw new DomainRuleViolation(
                    delegates.containsKey(command.delegateId())
                            ? ErrorCode.DELEGATE_ALREADY_REGISTERED
                            : ErrorCode.INVALID_REQUEST,
                    problem);
        }
        apply(registered(entry));
    }

    /** All or nothing: any bad row refuses the whole file, naming every bad row. */
    @CommandHandler
    public void handle(ImportRosterCommand command) {
        requireStatus(CongressStatus.CONVENED, "import the roster");
        List<RosterEntry> entries = command.entries() == null ? List.of() : command.entries();
        if (entries.isEmpty()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The roster has no delegates.");
        }
        List<RosterRejected.RowProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            RosterEntry entry = entries.get(i);
            int row = entry != null && entry.line() > 0 ? entry.line() : i + 2; // line 1 is the header
            String problem = problemWith(entry, seen);
            if (entry != null && entry.formatProblem() != null) {
                // The line itself was wrong; say so, and also what else is wrong with what could be read of it.
                problem = problem == null || entry.delegateId() == null || problem.startsWith("the kind")
                        ? entry.formatProblem()
                        : entry.formatProblem() + "; " + problem;
            }
            if (problem == null && entry.delegateId() != null) {
                firstRow.put(entry.delegateId(), row);
            } else if (problem != null && entry != null && seen.contains(entry.delegateId())) {
                problem = problem + " (first on row " + firstRow.get(entry.delegateId()) + ")";
            }
            if (problem != null) {
                problems.add(new RosterRejected.RowProblem(row, entry == null ? null : entry.delegateId(), problem));
            }
            if (entry != null && entry.delegateId() != null && !firstRow.containsKey(entry.delegateId())) {
                firstRow.put(entry.delegateId(), row);
            }
            if (entry != null && entry.delegateId() != null) {
                seen.add(entry.delegateId());
            }
        }
        if (!problems.isEmpty()) {
            throw new RosterRejected(problems);
        }
        entries.forEach(entry -> apply(registered(entry)));
    }

    @CommandHandler
    public void handle(AcceptCredentialsCommand command) {
        Delegate delegate = undecided(command.delegateId());
        apply(new CredentialsAcceptedEvent(congressId, command.delegateId()));
    }

    @CommandHandler
    public void handle(AcceptAllPendingCredentialsCommand command) {
        requireStatus(CongressStatus.CONVENED, "decide on credentials");
        delegates.entrySet().stream()
                .filter(e -> e.getValue().credentials == Credentials.PENDING)
                .map(Map.Entry::getKey)
                .sorted()
                .forEach(id -> apply(new CredentialsAcceptedEvent(congressId, id)));
    }

    @CommandHandler
    public void handle(RejectCredentialsCommand command) {
        Delegate delegate = undecided(command.delegateId());
        requireText(command.reason(), "reason");
        if (delegate.present) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE,
                    "Delegate " + command.delegateId()
                            + " is in the hall: check them out before rejecting their credentials.");
        }
        apply(new CredentialsRejectedEvent(
                congressId, command.delegateId(), command.reason().strip()));
    }

    @CommandHandler
    public void handle(CompleteCredentialsVerificationCommand command) {
        requireStatus(CongressStatus.CONVENED, "complete the credentials check");
        List<String> pending = delegates.entrySet().stream()
                .filter(e ->
                        e.getValue().kind == DelegateKind.OFFICIAL && e.getValue().credentials == Credentials.PENDING)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (!pending.isEmpty()) {
            throw new DomainRuleViolation(
                    ErrorCode.CREDENTIALS_PENDING,
                    pending.size() + " official delegate(s) still have undecided credentials, e.g. " + pending.get(0)
                            + ".");
        }
        int officials = (int) delegates.values().stream()
                .filter(d -> d.kind == DelegateKind.OFFICIAL)
                .count();
        int accepted = (int) delegates.values().stream()
                .filter(d -> d.kind == DelegateKind.OFFICIAL && d.credentials == Credentials.ACCEPTED)
                .count();
        apply(new CredentialsVerifiedEvent(congressId, officials, accepted, officials - accepted));
    }

    @CommandHandler
    public void handle(SeatAlternateCommand command) {
        requireNotClosed("seat an alternate");
        requireText(command.reason(), "reason");
        Delegate alternate = registeredDelegate(command.alternateId());
        Delegate replaced = registeredDelegate(command.replacedDelegateId());
        if (alternate.kind != DelegateKind.ALTERNATE) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED, command.alternateId() + " is not an alternate.");
        }
        if (alternate.seatedFor != null) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED,
                    "Alternate " + command.alternateId() + " already sits in place of " + alternate.seatedFor + ".");
        }
        if (alternate.credentials == Credentials.REJECTED) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED,
                    "Alternate " + command.alternateId() + " had their credentials rejected.");
        }
        if (replaced.kind != DelegateKind.OFFICIAL) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED,
                    "An alternate sits only in place of an " + "official delegate; " + command.replacedDelegateId()
                            + " is an alternate.");
        }
        if (replaced.replacedBy != null) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED,
                    command.replacedDelegateId() + " is already replaced by " + replaced.replacedBy + ".");
        }
        if (replaced.attended) {
            throw new DomainRuleViolation(
                    ErrorCode.ALTERNATE_NOT_ALLOWED,
                    command.replacedDelegateId() + " has attended the congress, so cannot be replaced.");
        }
        apply(new AlternateSeatedEvent(
                congressId,
                command.alternateId(),
                command.replacedDelegateId(),
                command.reason().strip()));
    }

    @CommandHandler
    public void handle(DeclareAbsentCommand command) {
        requireNotClosed("declare a delegate absent");
        requireText(command.reason(), "reason");
        Delegate delegate = registeredDelegate(command.delegateId());
        if (delegate.kind != DelegateKind.OFFICIAL) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "Only an official delegate's absence changes the base.");
        }
        if (delegate.attended) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE, command.delegateId() + " has attended the congress.");
        }
        if (delegate.replacedBy != null) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE,
                    command.delegateId() + " is replaced by alternate " + delegate.replacedBy
                            + ", so the seat is filled.");
        }
        if (delegate.declaredAbsent) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE, command.delegateId() + " is already declared absent.");
        }
        apply(new DelegateDeclaredAbsentEvent(
                congressId, command.delegateId(), command.reason().strip()));
    }

    @CommandHandler
    public void handle(CheckInDelegateCommand command) {
        requireNotClosed("check delegates in");
        Delegate delegate = registeredDelegate(command.delegateId());
        if (delegate.present) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_ALREADY_PRESENT, "Delegate " + command.delegateId() + " is already checked in.");
        }
        String noRight = whyNoVotingRight(command.delegateId(), delegate);
        if (noRight != null) {
            throw new DomainRuleViolation(ErrorCode.NO_VOTING_RIGHT, noRight);
        }
        apply(new DelegateCheckedInEvent(congressId, command.delegateId()));
    }

    @CommandHandler
    public void handle(CheckOutDelegateCommand command, VotingGate gate) {
        requireText(command.reason(), "reason");
        Delegate delegate = registeredDelegate(command.delegateId());
        if (!delegate.present) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_PRESENT,
                    "Delegate " + command.delegateId() + " is not in the hall, so cannot leave it.");
        }
        gate.awaitVotesInProgress(congressId, command.delegateId());
        apply(new DelegateCheckedOutEvent(
                congressId, command.delegateId(), command.reason().strip()));
    }

    /**
     * Whoever re-issues a card can sign in with it, so the re-issue is a fact of the record with its actor and reason,
     * shown to the delegate and flagged beside the votes that follow it.
     */
    @CommandHandler
    public void handle(ReissueCardCommand command) {
        requireNotClosed("re-issue a card");
        requireText(command.reason(), "reason");
        registeredDelegate(command.delegateId());
        apply(new CardReissuedEvent(
                congressId, command.delegateId(), command.reason().strip()));
    }

    @CommandHandler
    public void handle(OpenSessionCommand command) {
        requireStatus(CongressStatus.CREDENTIALS_VERIFIED, "open the session");
        apply(new SessionOpenedEvent(congressId));
    }

    @CommandHandler
    public void handle(CloseCongressCommand command, VotingGate gate) {
        requireStatus(CongressStatus.IN_SESSION, "close the congress");
        if (gate.hasOpenVotes(congressId)) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE, "A vote is still open: close every motion and election round first.");
        }
        apply(new CongressClosedEvent(congressId));
    }

    @EventSourcingHandler
    void on(CongressCreatedEvent event) {
        congressId = event.congressId();
        status = CongressStatus.CONVENED;
        if (event.organisations() != null) {
            event.organisations().forEach(o -> organisations.add(o.code()));
        }
    }

    @EventSourcingHandler
    void on(DelegateRegisteredEvent event) {
        Delegate delegate = new Delegate();
        delegate.kind = event.kind();
        delegates.put(event.delegateId(), delegate);
    }

    @EventSourcingHandler
    void on(CredentialsAcceptedEvent event) {
        delegates.get(event.delegateId()).credentials = Credentials.ACCEPTED;
    }

    @EventSourcingHandler
    void on(CredentialsRejectedEvent event) {
        delegates.get(event.delegateId()).credentials = Credentials.REJECTED;
    }

    @EventSourcingHandler
    void on(CredentialsVerifiedEvent event) {
        status = CongressStatus.CREDENTIALS_VERIFIED;
    }

    @EventSourcingHandler
    void on(AlternateSeatedEvent event) {
        delegates.get(event.alternateId()).seatedFor = event.replacedDelegateId();
        delegates.get(event.replacedDelegateId()).replacedBy = event.alternateId();
    }

    @EventSourcingHandler
    void on(DelegateDeclaredAbsentEvent event) {
        delegates.get(event.delegateId()).declaredAbsent = true;
    }

    @EventSourcingHandler
    void on(DelegateCheckedInEvent event) {
        Delegate delegate = delegates.get(event.delegateId());
        delegate.present = true;
        delegate.attended = true;
    }

    @EventSourcingHandler
    void on(DelegateCheckedOutEvent event) {
        delegates.get(event.delegateId()).present = false;
    }

    @EventSourcingHandler
    void on(SessionOpenedEvent event) {
        status = CongressStatus.IN_SESSION;
    }

    @EventSourcingHandler
    void on(CongressClosedEvent event) {
        status = CongressStatus.CLOSED;
    }

    private DelegateRegisteredEvent registered(RosterEntry entry) {
        return new DelegateRegisteredEvent(
                congressId,
                entry.delegateId(),
                entry.fullName().strip(),
                entry.organisationCode().strip(),
                entry.kind(),
                entry.dateOfBirth(),
                entry.position() == null || entry.position().isBlank()
                        ? null
                        : entry.position().strip());
    }

    /** What is wrong with a roster entry, or null; {@code earlierRows} holds the ids of the file's rows above it. */
    private String problemWith(RosterEntry entry, Set<String> earlierRows) {
        if (entry == null) {
            return "empty row";
        }
        if (entry.delegateId() == null || !entry.delegateId().matches("[A-Za-z0-9._~-]{1,64}")) {
            return "the delegate code must be 1 to 64 letters, digits or . _ ~ -";
        }
        if (delegates.containsKey(entry.delegateId())) {
            return "delegate code " + entry.delegateId() + " is already on the roster";
        }
        if (earlierRows.contains(entry.delegateId())) {
            return "delegate code " + entry.delegateId() + " appears twice in the file";
        }
        if (entry.fullName() == null || entry.fullName().isBlank()) {
            return "the full name is missing";
        }
        if (entry.organisationCode() == null || entry.organisationCode().isBlank()) {
            return "the organisation is missing";
        }
        if (!organisations.isEmpty()
                && !organisations.contains(entry.organisationCode().strip())) {
            return "organisation " + entry.organisationCode() + " is not one of this congress's organisations";
        }
        if (entry.kind() == null) {
            return "the kind must be official or alternate";
        }
        return null;
    }

    private String whyNoVotingRight(String id, Delegate delegate) {
        if (delegate.credentials == Credentials.REJECTED) {
            return "Delegate " + id + "'s credentials were rejected.";
        }
        if (delegate.kind == DelegateKind.ALTERNATE && delegate.seatedFor == null) {
            return "Alternate " + id + " has not been seated in place of an official delegate.";
        }
        if (delegate.replacedBy != null) {
            return "Delegate " + id + " is replaced by alternate " + delegate.replacedBy + ".";
        }
        if (delegate.declaredAbsent) {
            return "Delegate " + id + " was declared absent for the whole congress.";
        }
        return null;
    }

    private Delegate undecided(String delegateId) {
        requireStatus(CongressStatus.CONVENED, "decide on credentials");
        Delegate delegate = registeredDelegate(delegateId);
        if (delegate.credentials != Credentials.PENDING) {
            throw new DomainRuleViolation(
                    ErrorCode.CREDENTIALS_ALREADY_DECIDED,
                    "The credentials of " + delegateId + " were already "
                            + delegate.credentials.name().toLowerCase() + ".");
        }
        return delegate;
    }

    private Delegate registeredDelegate(String delegateId) {
        Delegate delegate = delegateId == null ? null : delegates.get(delegateId);
        if (delegate == null) {
            throw new DomainRuleViolation(
                    ErrorCode.DELEGATE_NOT_REGISTERED,
                    "Delegate " + delegateId + " is not on the roster of congress " + congressId + ".");
        }
        return delegate;
    }

    private void requireStatus(CongressStatus required, String action) {
        if (status != required) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE,
                    "Cannot " + action + " while the congress is "
                            + status.name().toLowerCase().replace('_', ' ') + "; that needs it to be "
                            + required.name().toLowerCase().replace('_', ' ') + ".");
        }
    }

    private void requireNotClosed(String action) {
        if (status == CongressStatus.CLOSED) {
            throw new DomainRuleViolation(ErrorCode.CONGRESS_STATE, "Cannot " + action + ": the congress is closed.");
        }
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field '" + field + "' must not be empty.");
        }
    }
}
