package org.congressvote.query.motion;

/**
 * The tallies of all motions of one congress, in the order they were put on the agenda.
 * Local to the read side for now; it belongs in voting-api once another service asks for it.
 */
public record FetchMotionTalliesQuery(String congressId) {
}
