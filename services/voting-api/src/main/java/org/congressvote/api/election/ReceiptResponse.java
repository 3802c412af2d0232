package org.congressvote.api.election;

/**
 * The answer to a receipt check: whether the ballot with this receipt was counted. For a sealed round (every round
 * since issue 14) {@code ballot} is null: the receipt proves the ballot was in the box and counted, never what it said,
 * so it cannot be shown to a vote buyer. Rounds closed before sealing published the ballot beside its receipt.
 */
public record ReceiptResponse(
        String roundId,
        String electionId,
        int round,
        RoundStatus status,
        String receiptHash,
        boolean found,
        PublishedBallot ballot) {}
