package org.congressvote.api.election;

/**
 * A candidate's line of a round's count. {@code alternateRank}: the candidate's rank among the alternates of the
 * election (1, 2, ...) when the round made them an alternate, else 0 (and in events stored before alternates).
 */
public record CandidateResult(
        String candidateId,
        String fullName,
        long votes,
        boolean reachedThreshold,
        boolean elected,
        Integer alternateRank) {

    /** A wrapper, not an int: an event stored before the field has none (fail-on-null-for-primitives refuses that). */
    public CandidateResult {
        alternateRank = alternateRank == null ? 0 : alternateRank;
    }

    public CandidateResult(String candidateId, String fullName, long votes, boolean reachedThreshold, boolean elected) {
        this(candidateId, fullName, votes, reachedThreshold, elected, 0);
    }
}
