package org.congressvote.command.identity;

/** Who may do what: see docs/security.md for the full matrix. */
public enum Role {
    /** Runs the congress: convenes it, manages the roster, the session, motions and elections, staff accounts. */
    SECRETARIAT,
    /** The credentials committee: decides credentials, seats alternates, records absences, checks delegates in. */
    CREDENTIALS,
    /** The vote-counting committee: reads the log, named votes, minutes; verifies and recounts. */
    COUNTING,
    /** A delegate, bound to one delegate of one congress: votes as themselves only. */
    DELEGATE
}
