package org.congressvote.api.motion;

import java.util.List;

import org.congressvote.api.vote.VoteChoice;

public record VotesResponse(String motionId, List<CastVote> votes) {

    public record CastVote(String delegateId, VoteChoice choice) {
    }
}
