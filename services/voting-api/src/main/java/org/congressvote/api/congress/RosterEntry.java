package org.congressvote.api.congress;

import java.time.LocalDate;

/**
 * One row of the roster: who is summoned, from which organisation, as official delegate or alternate. An imported
 * row also carries its line in the file and, when the file's line itself could not be read (encoding, a bad kind or
 * date), what was wrong with it, so that the one report names every bad row at once.
 */
public record RosterEntry(
        String delegateId,
        String fullName,
        String organisationCode,
        DelegateKind kind,
        LocalDate dateOfBirth,
        String position,
        int line,
        String formatProblem) {

    public RosterEntry(
            String delegateId,
            String fullName,
            String organisationCode,
            DelegateKind kind,
            LocalDate dateOfBirth,
            String position) {
        this(delegateId, fullName, organisationCode, kind, dateOfBirth, position, 0, null);
    }
}
