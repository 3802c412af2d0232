package org.congressvote.command.vote;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the voting gate's tables. The processing group is subscribing (application.yml), so each handler runs in
 * the transaction that stores the event: the gate is exactly as current as the event store. The command handlers
 * took the locks that order these changes against votes (see {@link VotingGate#awaitVotesInProgress}).
 */
@Component
@ProcessingGroup(VotingGateProjection.GROUP)
class VotingGateProjection {

    static final String GROUP = "voting-gate";

    private final JdbcTemplate jdbc;

    VotingGateProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CongressCreatedEvent event) {
        jdbc.update("INSERT INTO congress_gate (congress_id) VALUES (?) ON CONFLICT DO NOTHING", event.congressId());
    }

    @EventHandler
    void on(DelegateRegisteredEvent event) {
        jdbc.update("INSERT INTO delegate_gate (congress_id, delegate_id, present) VALUES (?, ?, false) "
                + "ON CONFLICT DO NOTHING", event.congressId(), event.delegateId());
    }

    @EventHandler
    void on(DelegateCheckedInEvent event) {
        setPresent(event.congressId(), event.delegateId(), true);
    }

    @EventHandler
    void on(DelegateCheckedOutEvent event) {
        setPresent(event.congressId(), event.delegateId(), false);
    }

    @EventHandler
    void on(MotionCreatedEvent event) {
        jdbc.update("INSERT INTO motion_gate (motion_id, congress_id, status) VALUES (?, ?, 'CREATED') "
                + "ON CONFLICT DO NOTHING", event.motionId(), event.congressId());
    }

    @EventHandler
    void on(MotionOpenedEvent event) {
        setMotionStatus(event.motionId(), "OPEN");
    }

    @EventHandler
    void on(MotionClosedEvent event) {
        setMotionStatus(event.motionId(), "CLOSED");
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM motion_gate");
        jdbc.update("DELETE FROM delegate_gate");
        jdbc.update("DELETE FROM congress_gate");
    }

    private void setPresent(String congressId, String delegateId, boolean present) {
        jdbc.update("UPDATE delegate_gate SET present = ? WHERE congress_id = ? AND delegate_id = ?", present,
                congressId, delegateId);
    }

    private void setMotionStatus(String motionId, String status) {
        jdbc.update("UPDATE motion_gate SET status = ? WHERE motion_id = ?", status, motionId);
    }
}
