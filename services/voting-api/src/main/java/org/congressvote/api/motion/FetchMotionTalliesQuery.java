package org.congressvote.api.motion;

/** The tallies of all motions of one congress, in the order they were put on the agenda. */
public record FetchMotionTalliesQuery(String congressId) {}
