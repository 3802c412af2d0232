package org.congressvote.api.vote;

/**
 * A delegate's vote on an open motion. {@code voterCongressId} is the congress the delegate's session is bound to
 * (null for a caller not bound to one); the vote is refused if the motion belongs to another congress.
 * {@code requestId} is chosen by the client so that a retried request is recognised as the same vote and gets the
 * same answer.
 */
public record CastVoteCommand(
        String motionId, String delegateId, VoteChoice choice, String requestId, String voterCongressId) {

    public CastVoteCommand(String motionId, String delegateId, VoteChoice choice, String requestId) {
        this(motionId, delegateId, choice, requestId, null);
    }

    /** The id of the aggregate that holds this vote: one per (motion, delegate), so the event store refuses a second. */
    public String voteId() {
        return VoteId.of(motionId, delegateId);
    }
}
