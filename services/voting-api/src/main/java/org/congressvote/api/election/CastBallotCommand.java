package org.congressvote.api.election;

import java.util.List;

/**
 * A delegate's ballot in an election round: the candidates they keep (every other name is struck out).
 * {@code requestId} lets a retried request get the same answer.
 */
public record CastBallotCommand(String roundId, String delegateId, List<String> kept, String requestId) {
}
