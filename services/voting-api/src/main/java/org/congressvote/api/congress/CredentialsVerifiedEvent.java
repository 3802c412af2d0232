package org.congressvote.api.congress;

/** The credentials committee's report: of the official delegates summoned, how many were accepted and rejected. */
public record CredentialsVerifiedEvent(String congressId, int officialsSummoned, int accepted, int rejected) {}
