package org.congressvote.api.election;

/**
 * The answer to a receipt check: whether a ballot with this receipt is in the published list of the round and, if so,
 * what it says. Only the holder of the receipt code can ask, so only they learn it.
 */
public record ReceiptResponse(String roundId, String electionId, int round, RoundStatus status, String receiptHash,
                              boolean found, PublishedBallot ballot) {
}
