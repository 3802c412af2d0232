package org.congressvote.api.vote;

public record VoteCastEvent(
        String voteId, String motionId, String congressId, String delegateId, VoteChoice choice, String requestId) {}
