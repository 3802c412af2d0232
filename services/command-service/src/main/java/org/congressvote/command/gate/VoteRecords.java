package org.congressvote.command.gate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.SerializationException;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.audit.LogIntegrity;
import org.congressvote.command.eventstore.ReplayedProjection;
import org.congressvote.command.eventstore.StoredEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The votes cast ({@code vote_record}), one row per {@link VoteCastEvent} written in the vote's own transaction (the
 * gate's group is subscribing), each pointing at its event by global index: the named votes of an open vote and the
 * close's count read it, never the event table's JSON. The close trusts a row only once it matched its event, decoded
 * by the event store, in the verified log ({@link #tally}).
 */
@Component
@ProcessingGroup(VotingGateProjection.GROUP)
public class VoteRecords implements ReplayedProjection {

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;

    VoteRecords(JdbcTemplate jdbc, StoredEvents storedEvents) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
    }

    /** A vote as recorded: {@code castAt} is its event's time stamp, {@code globalIndex} its position in the log. */
    public record Cast(String delegateId, VoteChoice choice, String castAt, long globalIndex) {}

    @EventHandler
    void on(VoteCastEvent vote, DomainEventMessage<?> message) {
        record(vote, message);
    }

    @Override
    public void apply(DomainEventMessage<?> event) {
        if (VoteCastEvent.class.equals(event.getPayloadType())) {
            record((VoteCastEvent) event.getPayload(), event);
        }
    }

    /** Global index and time stamp from the stored row itself (same transaction), so they are the log's own. */
    private void record(VoteCastEvent vote, DomainEventMessage<?> message) {
        jdbc.update(
                "INSERT INTO vote_record (motion_id, delegate_id, congress_id, choice, global_index, cast_at) "
                        + "SELECT ?, ?, ?, ?, globalindex, timestamp FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = ? ON CONFLICT DO NOTHING",
                vote.motionId(),
                vote.delegateId(),
                vote.congressId(),
                vote.choice().name(),
                message.getAggregateIdentifier(),
                message.getSequenceNumber());
    }

    /** The votes of a motion in the order they were stored. */
    public List<Cast> of(String motionId) {
        return jdbc.query(
                "SELECT delegate_id, choice, cast_at, global_index FROM vote_record WHERE motion_id = ? "
                        + "ORDER BY global_index",
                (rs, n) -> cast(rs),
                motionId);
    }

    /** The delegates present now who may vote on the motion (a body's: its members) and have not voted, by id. */
    public List<String> notVoted(String motionId) {
        return jdbc.queryForList(
                "SELECT d.delegate_id FROM delegate_gate d JOIN motion_gate m ON m.congress_id = d.congress_id "
                        + "WHERE m.motion_id = ? AND d.present AND (m.electorate_id IS NULL OR EXISTS (SELECT 1 "
                        + "FROM body_member b WHERE b.election_id = m.electorate_id AND b.member_id = d.delegate_id)) "
                        + "AND NOT EXISTS (SELECT 1 FROM vote_record v "
                        + "WHERE v.motion_id = m.motion_id AND v.delegate_id = d.delegate_id) ORDER BY d.delegate_id",
                String.class,
                motionId);
    }

    /** The recorded votes of a motion, to be confirmed against its events by the close's log check. */
    Tally tally(String motionId) {
        Map<String, Cast> rows = new LinkedHashMap<>();
        jdbc.query(
                "SELECT delegate_id, choice, cast_at, global_index FROM vote_record WHERE motion_id = ?",
                rs -> {
                    Cast cast = cast(rs);
                    rows.put(cast.delegateId(), cast);
                },
                motionId);
        return new Tally(motionId, rows);
    }

    /**
     * The count of a motion from its rows, and the check that every row is exactly one vote event of the range the
     * close verifies: same delegate, choice, global index and time stamp, decoded from the stored payload. A row
     * edited, added or deleted, or an event the table lacks, is named, and the close refuses.
     */
    final class Tally implements LogIntegrity.Counted {

        private final String motionId;
        private final Map<String, Cast> rows;
        private final Map<String, Cast> unseen;

        private Tally(String motionId, Map<String, Cast> rows) {
            this.motionId = motionId;
            this.rows = rows;
            this.unseen = new LinkedHashMap<>(rows);
        }

        @Override
        public String differs(ResultSet event) throws SQLException {
            Object payload;
            try {
                payload = storedEvents.payload(event);
            } catch (SerializationException unreadable) {
                return "cannot be read as a vote (" + unreadable.getMessage() + ")";
            }
            if (!(payload instanceof VoteCastEvent vote)) {
                return "not a vote, under a vote's id";
            }
            if (!motionId.equals(vote.motionId())
                    || !VoteId.of(motionId, vote.delegateId()).equals(event.getString("aggregateidentifier"))) {
                return "a vote of motion " + vote.motionId() + " by " + vote.delegateId() + " under the id "
                        + event.getString("aggregateidentifier");
            }
            Cast row = unseen.remove(vote.delegateId());
            if (row == null) {
                return "a vote of " + vote.delegateId() + " that vote_record does not hold (or holds twice)";
            }
            long globalIndex = event.getLong("globalindex");
            if (row.choice() != vote.choice()) {
                return "vote_record holds " + row.choice() + " for " + vote.delegateId() + ", the event "
                        + vote.choice();
            }
            if (row.globalIndex() != globalIndex || !row.castAt().equals(event.getString("timestamp"))) {
                return "vote_record places the vote of " + vote.delegateId() + " at global index " + row.globalIndex()
                        + " (" + row.castAt() + ")";
            }
            return null;
        }

        @Override
        public List<LogIntegrity.Anomaly> unmatched() {
            List<LogIntegrity.Anomaly> found = new ArrayList<>();
            for (Cast row : unseen.values()) {
                found.add(new LogIntegrity.Anomaly(
                        row.globalIndex(),
                        null,
                        VoteId.of(motionId, row.delegateId()),
                        VoteCastEvent.class.getSimpleName(),
                        "vote_record holds a vote (" + row.choice() + ") that the log does not"));
            }
            return found;
        }

        /** The count; exact once the close's log check passed with this tally. */
        VotingGate.VoteCount count() {
            long agree = 0;
            long disagree = 0;
            long abstain = 0;
            for (Cast row : rows.values()) {
                switch (row.choice()) {
                    case AGREE -> agree++;
                    case DISAGREE -> disagree++;
                    case ABSTAIN -> abstain++;
                }
            }
            return new VotingGate.VoteCount(agree, disagree, abstain);
        }
    }

    private static Cast cast(ResultSet rs) throws SQLException {
        return new Cast(
                rs.getString("delegate_id"),
                VoteChoice.valueOf(rs.getString("choice")),
                rs.getString("cast_at"),
                rs.getLong("global_index"));
    }
}
