package org.congressvote.api.vote;

/**
 * A delegate's vote on an open motion. {@code requestId} is chosen by the client so that a retried request
 * is recognised as the same vote and gets the same answer.
 */
public record CastVoteCommand(String motionId, String delegateId, VoteChoice choice, String requestId) {

    /** The id of the aggregate that holds this vote: one per (motion, delegate), so the event store refuses a second. */
    public String voteId() {
        return VoteId.of(motionId, delegateId);
    }
}
