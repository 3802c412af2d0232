package org.congressvote.command.vote;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The voting gate on PostgreSQL. Its tables are written by {@link VotingGateProjection} in the same transaction
 * as the events, so they never disagree with the event store. A vote takes a shared advisory lock on its motion
 * and on its delegate; closing a motion or checking a delegate out takes the exclusive one before storing its event,
 * so it waits for the votes already being decided (which therefore come first in the log), and the votes after it
 * see the new state.
 */
@Component
class JdbcVotingGate implements VotingGate {

    static final int MOTION_LOCK = 1;
    static final int DELEGATE_LOCK = 2;

    private final JdbcTemplate jdbc;

    JdbcVotingGate(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean congressExists(String congressId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM congress_gate WHERE congress_id = ?", Integer.class,
                congressId);
        return count != null && count > 0;
    }

    @Override
    public Optional<OpenMotion> openMotion(String motionId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", MOTION_LOCK, motionId);
        List<String> congress = jdbc.queryForList(
                "SELECT congress_id FROM motion_gate WHERE motion_id = ? AND status = 'OPEN'", String.class, motionId);
        return congress.stream().findFirst().map(congressId -> new OpenMotion(motionId, congressId));
    }

    @Override
    public boolean motionExists(String motionId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM motion_gate WHERE motion_id = ?", Integer.class,
                motionId);
        return count != null && count > 0;
    }

    @Override
    public void awaitVotesInProgress(String motionId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", MOTION_LOCK, motionId);
    }

    @Override
    public void awaitVotesInProgress(String congressId, String delegateId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", DELEGATE_LOCK, congressId + "/" + delegateId);
    }

    @Override
    public boolean isPresent(String congressId, String delegateId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", DELEGATE_LOCK,
                congressId + "/" + delegateId);
        List<Boolean> present = jdbc.queryForList(
                "SELECT present FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?", Boolean.class,
                congressId, delegateId);
        return present.stream().findFirst().orElse(false);
    }
}
