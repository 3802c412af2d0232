package org.congressvote.api.election;

public record FetchElectionQuery(String electionId) {}
