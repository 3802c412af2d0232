package org.congressvote.command.election;

import java.util.List;

/**
 * The sealed ballot box of election rounds: while their round is open, ballots sealed to the round's public key,
 * kept apart from who voted (no delegate, no time, a random id), and emptied at the close.
 */
public interface BallotBox {

    void deposit(String roundId, byte[] sealed);

    /** Every sealed ballot of the round, in random order, removed from the box (within the current transaction). */
    List<byte[]> empty(String roundId);

    /**
     * After a close has committed, outside any transaction: removes the emptied rows' dead versions from the box's
     * files, so the ciphertexts (and the transaction ids that tie each to its delegate) do not wait for autovacuum.
     */
    void sweep();
}
