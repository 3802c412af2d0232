package org.congressvote.command.election;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ballot box in PostgreSQL, written in the transaction that records the delegate's participation. A row holds a
 * ciphertext only: whoever links a row to a delegate (by its transaction id, its place in the heap or in the WAL)
 * learns that the delegate voted, which the event log says anyway, and nothing of what they voted.
 */
@Component
class JdbcBallotBox implements BallotBox {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBallotBox.class);

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    JdbcBallotBox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void deposit(String roundId, byte[] sealed) {
        jdbc.update(
                "INSERT INTO ballot_box (ballot_id, round_id, sealed) VALUES (?, ?, ?)",
                UUID.randomUUID(),
                roundId,
                sealed);
    }

    @Override
    public List<byte[]> empty(String roundId) {
        List<byte[]> ballots = new ArrayList<>(jdbc.query(
                "DELETE FROM ballot_box WHERE round_id = ? RETURNING sealed", (rs, n) -> rs.getBytes(1), roundId));
        // The order the rows come back in may follow the order they were written in: shuffle it away.
        Collections.shuffle(ballots, random);
        return ballots;
    }

    @Override
    public void sweep() {
        try {
            // VACUUM cannot run in a transaction block; JdbcTemplate runs it on an auto-commit connection.
            jdbc.execute("VACUUM ballot_box");
        } catch (DataAccessException e) {
            // Autovacuum does it later: the close stands, only the dead rows stay longer.
            LOG.warn("ballot box not vacuumed after a close: {}", e.getMessage());
        }
    }
}
