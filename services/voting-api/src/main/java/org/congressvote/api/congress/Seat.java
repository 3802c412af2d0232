package org.congressvote.api.congress;

/**
 * What decides whether a delegate counts among the delegates summoned, the base of the charter's majority
 * (docs/domain.md): the official delegates, less the legal exclusions. Both services apply this one rule: the voting
 * gate for the close's count, the read side for attendance and quorum.
 *
 * @param official an official delegate (alternates never count in the base themselves)
 * @param rejected the credentials committee rejected their credentials
 * @param absent   declared absent for the whole congress
 * @param replaced an alternate was seated in their place (the seat counts again, and keeps counting)
 */
public record Seat(boolean official, boolean rejected, boolean absent, boolean replaced) {

    /** An official out of the base: declared absent, or credentials rejected, and no alternate in their place. */
    public boolean excluded() {
        return official && !replaced && (absent || rejected);
    }

    /** Counts in the base of "more than half of the delegates summoned". */
    public boolean summoned() {
        return official && !excluded();
    }

    public Seat withCredentialsRejected() {
        return new Seat(official, true, absent, replaced);
    }

    public Seat declaredAbsent() {
        return new Seat(official, rejected, true, replaced);
    }

    public Seat withAlternateSeated() {
        return new Seat(official, rejected, absent, true);
    }
}
