package org.congressvote.api.election;

public record CandidateResult(
        String candidateId, String fullName, long votes, boolean reachedThreshold, boolean elected) {}
