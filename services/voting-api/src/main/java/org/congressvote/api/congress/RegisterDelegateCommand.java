package org.congressvote.api.congress;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a summoned delegate (official or alternate) to the congress roster. */
public record RegisterDelegateCommand(
        @TargetAggregateIdentifier String congressId,
        String delegateId,
        String fullName,
        String organisation,
        DelegateKind kind,
        LocalDate dateOfBirth,
        String position) {

    /** An official unless said otherwise. */
    public RegisterDelegateCommand {
        kind = kind == null ? DelegateKind.OFFICIAL : kind;
    }

    public RegisterDelegateCommand(String congressId, String delegateId, String fullName, String organisation) {
        this(congressId, delegateId, fullName, organisation, DelegateKind.OFFICIAL, null, null);
    }
}
