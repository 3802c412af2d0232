package org.congressvote.api.congress;

import java.time.LocalDate;

/** One row of the roster: who is summoned, from which organisation, as official delegate or alternate. */
public record RosterEntry(String delegateId, String fullName, String organisationCode, DelegateKind kind,
                          LocalDate dateOfBirth, String position) {
}
