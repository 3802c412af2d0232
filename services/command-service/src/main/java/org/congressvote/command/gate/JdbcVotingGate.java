package org.congressvote.command.gate;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.audit.LogIntegrity;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The voting gate on PostgreSQL. Its tables are written by {@link VotingGateProjection} in the same transaction
 * as the events, so they never disagree with the event store. A vote takes a shared advisory lock on its motion
 * (or round) and on its delegate; opening or closing a motion or round, or checking a delegate out, takes the
 * exclusive one before storing its event, so it waits for the votes already being decided (which therefore come
 * first in the log), and the votes after it see the new state.
 */
@Component
class JdbcVotingGate implements VotingGate {

    private static final int VOTE_LOCK = 1;
    private static final int DELEGATE_LOCK = 2;

    private final JdbcTemplate jdbc;
    private final Duration chainGrace;
    private final VoteRecords voteRecords;

    JdbcVotingGate(JdbcTemplate jdbc, CommandServiceProperties properties, VoteRecords voteRecords) {
        this.jdbc = jdbc;
        this.chainGrace = properties.audit().chainGrace();
        this.voteRecords = voteRecords;
    }

    @Override
    public Optional<CongressStatus> congressStatus(String congressId) {
        return jdbc
                .queryForList("SELECT status FROM congress_gate WHERE congress_id = ?", String.class, congressId)
                .stream()
                .findFirst()
                .map(CongressStatus::valueOf);
    }

    @Override
    public boolean hasOpenVotes(String congressId) {
        Integer open = jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM motion_gate WHERE congress_id = ? AND status = 'OPEN')"
                        + " + (SELECT count(*) FROM round_gate WHERE congress_id = ? AND status = 'OPEN')",
                Integer.class,
                congressId,
                congressId);
        return open != null && open > 0;
    }

    @Override
    public Optional<OpenMotion> openMotion(String motionId) {
        lockShared(VOTE_LOCK, motionId);
        return jdbc
                .query(
                        "SELECT congress_id, electorate_id FROM motion_gate WHERE motion_id = ? AND status = 'OPEN'",
                        (rs, n) -> new OpenMotion(motionId, rs.getString(1), rs.getString(2)),
                        motionId)
                .stream()
                .findFirst();
    }

    /**
     * Two statements where {@link #openMotion(String)} and {@link #isPresent} take four: both shared locks, then both
     * rows. The locks come first in a statement of their own, so the read's snapshot is taken after they are held.
     */
    @Override
    public Optional<OpenMotionForVoter> openMotion(String motionId, String voterCongressId, String delegateId) {
        jdbc.queryForList(
                "SELECT pg_advisory_xact_lock_shared(?, hashtext(?)), pg_advisory_xact_lock_shared(?, hashtext(?))",
                VOTE_LOCK,
                motionId,
                DELEGATE_LOCK,
                voterCongressId + "/" + delegateId);
        return jdbc
                .query(
                        "SELECT m.congress_id, d.present, m.electorate_id FROM motion_gate m LEFT JOIN delegate_gate d "
                                + "ON d.congress_id = m.congress_id AND d.delegate_id = ? WHERE m.motion_id = ? AND m.status = 'OPEN'",
                        (rs, n) -> new OpenMotionForVoter(
                                new OpenMotion(motionId, rs.getString(1), rs.getString(3)),
                                rs.getString(1).equals(voterCongressId) && rs.getBoolean(2)),
                        delegateId,
                        motionId)
                .stream()
                .findFirst();
    }

    @Override
    public boolean motionExists(String motionId) {
        return exists("SELECT count(*) FROM motion_gate WHERE motion_id = ?", motionId);
    }

    @Override
    public Optional<OpenRound> openRound(String roundId) {
        lockShared(VOTE_LOCK, roundId);
        return jdbc
                .query(
                        "SELECT r.election_id, r.congress_id, r.candidate_ids, e.electorate_id FROM round_gate r "
                                + "LEFT JOIN election_gate e ON e.election_id = r.election_id WHERE r.round_id = ? "
                                + "AND r.status = 'OPEN'",
                        (rs, n) -> new OpenRound(
                                roundId,
                                rs.getString(1),
                                rs.getString(2),
                                Arrays.asList((String[]) rs.getArray(3).getArray()),
                                rs.getString(4)),
                        roundId)
                .stream()
                .findFirst();
    }

    @Override
    public boolean roundExists(String roundId) {
        return exists("SELECT count(*) FROM round_gate WHERE round_id = ?", roundId);
    }

    @Override
    public boolean isRegistered(String congressId, String delegateId) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                Integer.class,
                congressId,
                delegateId);
        return n != null && n > 0;
    }

    @Override
    public boolean isPresent(String congressId, String delegateId) {
        lockShared(DELEGATE_LOCK, congressId + "/" + delegateId);
        List<Boolean> present = jdbc.queryForList(
                "SELECT present FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                Boolean.class,
                congressId,
                delegateId);
        return present.stream().findFirst().orElse(false);
    }

    @Override
    public void awaitVotesInProgress(String motionOrRoundId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", VOTE_LOCK, motionOrRoundId);
    }

    @Override
    public void awaitVotesInProgress(String congressId, String delegateId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", DELEGATE_LOCK, congressId + "/" + delegateId);
    }

    @Override
    public Seats seats(String congressId) {
        return jdbc.queryForObject(
                "SELECT count(*) FILTER (WHERE kind = 'OFFICIAL' AND NOT excluded), "
                        + "count(*) FILTER (WHERE present) FROM delegate_gate WHERE congress_id = ?",
                (rs, n) -> new Seats(rs.getLong(1), rs.getLong(2)),
                congressId);
    }

    /**
     * The count from the vote records, each confirmed against its event in the verified log within the same check
     * that verifies the log (one pass over the motion's events, an index range: the votes of a motion are the
     * aggregates 'vote:{motionId}:{delegateId}', in the C collation).
     */
    @Override
    public Seats seats(String congressId, String electorateElectionId) {
        if (electorateElectionId == null) {
            return seats(congressId);
        }
        // A member not on the roster (elected with consent) has no gate row: summoned, never present.
        return jdbc.queryForObject(
                "SELECT count(*) FILTER (WHERE d.delegate_id IS NULL OR NOT (d.excluded OR d.replaced_by IS NOT NULL)), "
                        + "count(*) FILTER (WHERE d.present) FROM body_member m LEFT JOIN delegate_gate d "
                        + "ON d.congress_id = ? AND d.delegate_id = m.member_id WHERE m.election_id = ?",
                (rs, n) -> new Seats(rs.getLong(1), rs.getLong(2)),
                congressId,
                electorateElectionId);
    }

    @Override
    public Optional<Body> body(String electionId) {
        return jdbc
                .query(
                        "SELECT congress_id, title, electorate_id FROM election_gate WHERE election_id = ?",
                        (rs, n) -> new Body(electionId, rs.getString(1), rs.getString(2), rs.getString(3)),
                        electionId)
                .stream()
                .findFirst();
    }

    @Override
    public Set<String> members(String electionId) {
        return new HashSet<>(
                jdbc.queryForList("SELECT member_id FROM body_member WHERE election_id = ?", String.class, electionId));
    }

    @Override
    public VoteCount countVotes(String motionId) {
        VoteRecords.Tally tally = voteRecords.tally(motionId);
        requireCountableLog(VoteId.firstOfMotion(motionId), VoteId.afterMotion(motionId), tally);
        return tally.count();
    }

    @Override
    public void requireCountableLog(String roundId) {
        requireCountableLog(CastBallotCommand.firstOfRound(roundId), CastBallotCommand.afterRound(roundId), null);
    }

    @Override
    public long ballotsCast(String roundId) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier >= ? "
                        + "AND aggregateidentifier < ? AND sequencenumber = 0 AND globalindex > 0",
                Long.class,
                CastBallotCommand.firstOfRound(roundId),
                CastBallotCommand.afterRound(roundId));
        return n == null ? 0 : n;
    }

    /**
     * In the close's transaction: the log verifies, and so does each event of the aggregates counted. A close that
     * comes while the hash chain is catching up (the service was just restarted and its chain processor waits for the
     * dead instance's claim to expire) first waits, at most three grace periods, for the chain to reach the log's
     * newest event as it stood when the close began: lateness is then not taken for tampering. A chain entry deleted
     * in the middle is not waited for: the chain's head is past it, and the check refuses at once.
     */
    private void requireCountableLog(String fromId, String toId, LogIntegrity.Counted counted) {
        awaitChainHead();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            LogIntegrity.requireIntactForCount(connection, chainGrace, fromId, toId, counted);
            return null;
        });
    }

    private void awaitChainHead() {
        Long newest = jdbc.queryForObject("SELECT COALESCE(max(globalindex), 0) FROM domainevententry", Long.class);
        long deadline = System.nanoTime() + 3 * chainGrace.toNanos();
        while (System.nanoTime() < deadline) {
            Long chained = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM event_chain", Long.class);
            if (chained != null && newest != null && chained >= newest) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void lockShared(int space, String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", space, key);
    }

    private boolean exists(String sql, String id) {
        Integer count = jdbc.queryForObject(sql, Integer.class, id);
        return count != null && count > 0;
    }
}
