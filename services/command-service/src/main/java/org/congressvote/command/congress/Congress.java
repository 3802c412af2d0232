package org.congressvote.command.congress;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CheckOutDelegateCommand;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.vote.VotingGate;

/** A congress: its roster of summoned delegates and who is in the hall now. */
@Aggregate(cache = "aggregateCache")
public class Congress {

    @AggregateIdentifier
    private String congressId;
    private final Set<String> registered = new HashSet<>();
    private final Set<String> present = new HashSet<>();

    protected Congress() {
        // for Axon
    }

    @CommandHandler
    public Congress(CreateCongressCommand command) {
        requireText(command.congressId(), "congressId");
        requireText(command.name(), "name");
        Fraction quorum = command.quorum() == null ? Fraction.TWO_THIRDS : command.quorum();
        apply(new CongressCreatedEvent(command.congressId(), command.name().strip(), quorum));
    }

    @CommandHandler
    public void handle(RegisterDelegateCommand command) {
        requireText(command.delegateId(), "delegateId");
        requireText(command.fullName(), "fullName");
        requireText(command.organisation(), "organisation");
        if (registered.contains(command.delegateId())) {
            throw new DomainRuleViolation(ErrorCode.DELEGATE_ALREADY_REGISTERED,
                    "Delegate " + command.delegateId() + " is already on the roster of this congress.");
        }
        apply(new DelegateRegisteredEvent(congressId, command.delegateId(), command.fullName().strip(),
                command.organisation().strip()));
    }

    @CommandHandler
    public void handle(CheckInDelegateCommand command) {
        requireRegistered(command.delegateId());
        if (present.contains(command.delegateId())) {
            throw new DomainRuleViolation(ErrorCode.DELEGATE_ALREADY_PRESENT,
                    "Delegate " + command.delegateId() + " is already checked in.");
        }
        apply(new DelegateCheckedInEvent(congressId, command.delegateId()));
    }

    @CommandHandler
    public void handle(CheckOutDelegateCommand command, VotingGate gate) {
        requireRegistered(command.delegateId());
        if (!present.contains(command.delegateId())) {
            throw new DomainRuleViolation(ErrorCode.DELEGATE_NOT_PRESENT,
                    "Delegate " + command.delegateId() + " is not in the hall, so cannot leave it.");
        }
        gate.awaitVotesInProgress(congressId, command.delegateId());
        apply(new DelegateCheckedOutEvent(congressId, command.delegateId()));
    }

    @EventSourcingHandler
    void on(CongressCreatedEvent event) {
        congressId = event.congressId();
    }

    @EventSourcingHandler
    void on(DelegateRegisteredEvent event) {
        registered.add(event.delegateId());
    }

    @EventSourcingHandler
    void on(DelegateCheckedInEvent event) {
        present.add(event.delegateId());
    }

    @EventSourcingHandler
    void on(DelegateCheckedOutEvent event) {
        present.remove(event.delegateId());
    }

    private void requireRegistered(String delegateId) {
        if (delegateId == null || !registered.contains(delegateId)) {
            throw new DomainRuleViolation(ErrorCode.DELEGATE_NOT_REGISTERED,
                    "Delegate " + delegateId + " is not on the roster of congress " + congressId + ".");
        }
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The field '" + field + "' must not be empty.");
        }
    }
}
