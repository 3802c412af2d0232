package org.congressvote.api.congress;

/** The summary of one congress: status, organisations, members, attendance. */
public record FetchCongressQuery(String congressId) {}
