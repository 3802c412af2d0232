package org.congressvote.command.election;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The ballot box in PostgreSQL, written in the transaction that records the delegate's participation. */
@Component
class JdbcBallotBox implements BallotBox {

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    JdbcBallotBox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void deposit(String roundId, List<String> kept, String receiptHash) {
        jdbc.update("INSERT INTO ballot_box (ballot_id, round_id, kept, receipt_hash) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(), roundId, kept.toArray(String[]::new), receiptHash);
    }

    @Override
    public List<SealedBallot> empty(String roundId) {
        List<SealedBallot> ballots = new ArrayList<>(jdbc.query(
                "DELETE FROM ballot_box WHERE round_id = ? RETURNING kept, receipt_hash",
                (rs, n) -> new SealedBallot(Arrays.asList((String[]) rs.getArray(1).getArray()), rs.getString(2)),
                roundId));
        // The order the rows come back in may follow the order they were written in: shuffle it away.
        Collections.shuffle(ballots, random);
        return ballots;
    }
}
