package org.congressvote.api.election;

/** The elections of one congress, in the order they were created. */
public record FetchElectionsQuery(String congressId) {}
