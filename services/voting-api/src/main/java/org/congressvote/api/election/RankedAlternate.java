package org.congressvote.api.election;

/** An alternate (đại biểu dự khuyết) in the order they replace an official: rank 1 first. */
public record RankedAlternate(int rank, String candidateId, String fullName, long votes, int round) {}
