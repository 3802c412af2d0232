package org.congressvote.api.error;

/** Codes of the domain rules a request can break; they travel to clients in problem responses. */
public enum ErrorCode {
    CONGRESS_ALREADY_EXISTS,
    CONGRESS_NOT_FOUND,
    DELEGATE_ALREADY_REGISTERED,
    DELEGATE_NOT_REGISTERED,
    DELEGATE_ALREADY_PRESENT,
    DELEGATE_NOT_PRESENT,
    MOTION_ALREADY_EXISTS,
    MOTION_NOT_FOUND,
    MOTION_NOT_OPEN,
    MOTION_ALREADY_OPEN,
    MOTION_ALREADY_CLOSED,
    ALREADY_VOTED,
    ROSTER_REJECTED,
    CONGRESS_STATE,
    CREDENTIALS_ALREADY_DECIDED,
    CREDENTIALS_PENDING,
    NO_VOTING_RIGHT,
    ALTERNATE_NOT_ALLOWED,
    ELECTION_STATE,
    CANDIDATE_ALREADY_ELECTED,
    INVALID_BALLOT,
    INVALID_REQUEST,
    /** The event log fails verification (an event outside the chain, a chain entry deleted): nothing is counted. */
    LOG_NOT_INTACT,
    /** A round cannot open before the vote-counting committee has created its key (its ballot box is not sealed). */
    BALLOT_BOX_KEY_MISSING,
    /** A key share that is not one issued for the open round of this election, or one already presented. */
    KEY_SHARE_INVALID,
    /** Fewer shares of the round's key than required have been presented: the box cannot be opened. */
    KEY_SHARES_MISSING
}
