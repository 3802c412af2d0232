package org.congressvote.command.election;

import java.util.ArrayList;
import java.util.List;

/** An in-memory ballot box for fixture tests; it keeps deposit order so tests can see the close shuffle it away. */
class FakeBallotBox implements BallotBox {

    final List<byte[]> ballots = new ArrayList<>();

    @Override
    public void deposit(String roundId, byte[] sealed) {
        ballots.add(sealed);
    }

    @Override
    public List<byte[]> empty(String roundId) {
        List<byte[]> all = new ArrayList<>(ballots);
        ballots.clear();
        return all;
    }

    @Override
    public void sweep() {
        // nothing stays behind in memory
    }
}
