package org.congressvote.command.election;

import java.util.List;

/**
 * The sealed ballot box of election rounds: ballot contents while their round is open, kept apart from who voted
 * (no delegate, no time, a random id), and emptied at the close.
 */
public interface BallotBox {

    void deposit(String roundId, List<String> kept, String receiptHash);

    /** Every ballot of the round, in random order, removed from the box (within the current transaction). */
    List<SealedBallot> empty(String roundId);

    record SealedBallot(List<String> kept, String receiptHash) {
    }
}
