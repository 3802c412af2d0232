package org.congressvote.api.congress;

import java.time.LocalDate;

/** A delegate on the roster; {@code organisation} is the organisation's code when the congress lists organisations. */
public record DelegateRegisteredEvent(
        String congressId,
        String delegateId,
        String fullName,
        String organisation,
        DelegateKind kind,
        LocalDate dateOfBirth,
        String position) {

    /** Events stored before the kind existed carry none: they registered officials. */
    public DelegateRegisteredEvent {
        kind = kind == null ? DelegateKind.OFFICIAL : kind;
    }

    public DelegateRegisteredEvent(String congressId, String delegateId, String fullName, String organisation) {
        this(congressId, delegateId, fullName, organisation, DelegateKind.OFFICIAL, null, null);
    }
}
