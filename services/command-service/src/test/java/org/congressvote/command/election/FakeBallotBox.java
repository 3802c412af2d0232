package org.congressvote.command.election;

import java.util.ArrayList;
import java.util.List;

/** An in-memory ballot box for fixture tests; it keeps deposit order so tests can see the close shuffles nothing away. */
class FakeBallotBox implements BallotBox {

    final List<SealedBallot> ballots = new ArrayList<>();

    @Override
    public void deposit(String roundId, List<String> kept, String receiptHash) {
        ballots.add(new SealedBallot(kept, receiptHash));
    }

    @Override
    public List<SealedBallot> empty(String roundId) {
        List<SealedBallot> all = new ArrayList<>(ballots);
        ballots.clear();
        return all;
    }
}
