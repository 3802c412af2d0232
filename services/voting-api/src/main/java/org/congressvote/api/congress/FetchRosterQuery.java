package org.congressvote.api.congress;

/** The public roster of a congress. */
public record FetchRosterQuery(String congressId) {}
