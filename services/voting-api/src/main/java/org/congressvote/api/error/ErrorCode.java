package org.congressvote.api.error;

import java.net.URI;
import java.util.Locale;

/**
 * Every code the services send in a problem response (RFC 9457), with its HTTP status: the one place both are
 * decided. Pages show {@code error.CODE} from their message bundles, so each code has a Vietnamese and an English
 * text there.
 */
public enum ErrorCode {
    // the request itself
    INVALID_REQUEST(400),
    INVALID_BALLOT(400),
    ROSTER_REJECTED(422),
    BODY_TOO_LARGE(413),
    NOT_FOUND(404),
    ALREADY_EXISTS(409),
    // who is asking
    UNAUTHENTICATED(401),
    BAD_CREDENTIALS(401),
    FORBIDDEN(403),
    OPERATOR_ONLY(403),
    TOO_MANY_ATTEMPTS(429),
    // the congress
    CONGRESS_ALREADY_EXISTS(409),
    CONGRESS_NOT_FOUND(404),
    CONGRESS_STATE(409),
    DELEGATE_ALREADY_REGISTERED(409),
    DELEGATE_NOT_REGISTERED(404),
    DELEGATE_ALREADY_PRESENT(409),
    DELEGATE_NOT_PRESENT(409),
    CREDENTIALS_ALREADY_DECIDED(409),
    CREDENTIALS_PENDING(409),
    NO_VOTING_RIGHT(409),
    ALTERNATE_NOT_ALLOWED(409),
    // open votes
    MOTION_ALREADY_EXISTS(409),
    MOTION_NOT_FOUND(404),
    MOTION_NOT_OPEN(409),
    MOTION_ALREADY_OPEN(409),
    MOTION_ALREADY_CLOSED(409),
    ALREADY_VOTED(409),
    // elections
    ELECTION_NOT_FOUND(404),
    ELECTION_STATE(409),
    ROUND_NOT_FOUND(404),
    ROUND_NOT_OPEN(409),
    ROUND_NOT_CLOSED(409),
    CANDIDATE_ALREADY_ELECTED(409),
    /** A nominee who is not a delegate needs their consent recorded. */
    CONSENT_MISSING(422),
    ALREADY_NOMINATED(409),
    /** A name on a proposed list, or asking to withdraw, that nobody nominated (or that withdrew). */
    NOT_NOMINATED(409),
    /** The congress has a proposal of this election still to vote on (seats, list or withdrawal). */
    PROPOSAL_PENDING(409),
    /** The level above allocated this election's seats: the congress votes only the surplus. */
    SEATS_ALLOCATED(409),
    /** The congress has not voted the number of seats (and the surplus) yet. */
    SEATS_NOT_DECIDED(409),
    /** More names than the seats plus the surplus the congress decided, or more than 30 % over the seats. */
    LIST_TOO_LONG(422),
    /** A round opens only on the list the congress approved by show of hands. */
    LIST_NOT_APPROVED(409),
    /** A later round lists a name beyond the approved list that the congress has not decided to add. */
    NEW_NAMES_NOT_DECIDED(409),
    /** An election names as its electorate or eligibility source an election of the congress that does not exist. */
    BODY_NOT_FOUND(404),
    /** A body's own election or motion cannot open before the election that forms the body has elected its members. */
    BODY_NOT_ELECTED(409),
    /** A ballot or vote in a body's own election or motion from someone who is not a member of that body. */
    NOT_IN_ELECTORATE(403),
    /** A motion deciding an election's proposal is voted by another electorate than the election's own. */
    ELECTORATE_MISMATCH(422),
    /** A name outside the body the election's candidates must come from, or already elected to a post it excludes. */
    NOT_ELIGIBLE(422),
    // the record and the views
    /** The event log fails verification (an event outside the chain, a chain entry deleted): nothing is counted. */
    LOG_NOT_INTACT(409),
    /** A round cannot open before the vote-counting committee has created its key (its ballot box is not sealed). */
    BALLOT_BOX_KEY_MISSING(409),
    /** A key share that is not one issued for the open round of this election, or one already presented. */
    KEY_SHARE_INVALID(409),
    /** Fewer shares of the round's key than required have been presented: the box cannot be opened. */
    KEY_SHARES_MISSING(409),
    RECOUNT_IN_PROGRESS(409),
    NOT_PARKED(404),
    /** The event store is out of reach for a moment: nothing was changed; the same request may be sent again. */
    STORE_UNAVAILABLE(503),
    /** Many requests changed the same congress at once; nothing was changed; the same request may be sent again. */
    BUSY(503),
    COMMAND_FAILED(503),
    /**
     * More commands arrive than the command-service can answer in time: this one was not run (nothing was changed);
     * the same request (same requestId) may be sent again after Retry-After seconds and counts once.
     */
    OVERLOADED(503),
    READ_MODEL_UNAVAILABLE(503),
    /** The query-service sends the live results to as many viewers as allowed, in total or from this address. */
    LIVE_VIEWERS_FULL(503);

    private static final String TYPE_BASE = "https://congress-vote.example/problems/";

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status a response with this code has. */
    public int status() {
        return status;
    }

    /** The problem's {@code type}: one URI scheme for every problem of both services. */
    public URI type() {
        return URI.create(TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
