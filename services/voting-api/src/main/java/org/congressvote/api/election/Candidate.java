package org.congressvote.api.election;

public record Candidate(String candidateId, String fullName) {}
