package org.congressvote.api.election;

import java.util.List;

/** One released ballot: the candidates kept on it, whether the rules count it, and the hash of its receipt code. */
public record PublishedBallot(List<Candidate> kept, boolean valid, String receiptHash) {}
