package org.congressvote.api.motion;

/** Who voted how in an open vote (show of hands): for the secretariat. */
public record FetchVotesQuery(String motionId) {
}
