package org.congressvote.command.gate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Seat;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundKeyCreatedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
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
        jdbc.update(
                "INSERT INTO congress_gate (congress_id, status) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.congressId(),
                CongressStatus.CONVENED.name());
    }

    @EventHandler
    void on(CredentialsVerifiedEvent event) {
        setCongressStatus(event.congressId(), CongressStatus.CREDENTIALS_VERIFIED);
    }

    @EventHandler
    void on(SessionOpenedEvent event) {
        setCongressStatus(event.congressId(), CongressStatus.IN_SESSION);
    }

    @EventHandler
    void on(CongressClosedEvent event) {
        setCongressStatus(event.congressId(), CongressStatus.CLOSED);
    }

    @EventHandler
    void on(DelegateRegisteredEvent event) {
        DelegateKind kind = event.kind();
        jdbc.update(
                "INSERT INTO delegate_gate (congress_id, delegate_id, kind, full_name) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                event.congressId(),
                event.delegateId(),
                kind.name(),
                event.fullName());
    }

    @EventHandler
    void on(CredentialsRejectedEvent event) {
        Seat seat = seat(event.congressId(), event.delegateId());
        if (seat != null) {
            setExcluded(
                    event.congressId(),
                    event.delegateId(),
                    seat.withCredentialsRejected().excluded());
        }
    }

    @EventHandler
    void on(DelegateDeclaredAbsentEvent event) {
        Seat seat = seat(event.congressId(), event.delegateId());
        if (seat != null) {
            setExcluded(
                    event.congressId(),
                    event.delegateId(),
                    seat.declaredAbsent().excluded());
        }
    }

    @EventHandler
    void on(AlternateSeatedEvent event) {
        Seat seat = seat(event.congressId(), event.replacedDelegateId());
        jdbc.update(
                "UPDATE delegate_gate SET replaced_by = ?, excluded = ? WHERE congress_id = ? AND delegate_id = ?",
                event.alternateId(),
                seat != null && seat.withAlternateSeated().excluded(),
                event.congressId(),
                event.replacedDelegateId());
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
        jdbc.update(
                "INSERT INTO motion_gate (motion_id, congress_id, status, electorate_id) VALUES (?, ?, 'CREATED', ?) "
                        + "ON CONFLICT DO NOTHING",
                event.motionId(),
                event.congressId(),
                event.electorateElectionId());
    }

    @EventHandler
    void on(MotionOpenedEvent event) {
        jdbc.update("UPDATE motion_gate SET status = 'OPEN' WHERE motion_id = ?", event.motionId());
    }

    @EventHandler
    void on(MotionClosedEvent event) {
        jdbc.update("UPDATE motion_gate SET status = 'CLOSED' WHERE motion_id = ?", event.motionId());
    }

    /** The election as a body others may name as their electorate or eligibility source. */
    @EventHandler
    void on(ElectionCreatedEvent event) {
        jdbc.update(
                "INSERT INTO election_gate (election_id, congress_id, title, electorate_id) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                event.electionId(),
                event.congressId(),
                event.title(),
                event.electorateElectionId());
    }

    @EventHandler
    void on(RoundStartedEvent event) {
        String[] candidates =
                event.candidates().stream().map(Candidate::candidateId).toArray(String[]::new);
        jdbc.update(
                "INSERT INTO round_gate (round_id, election_id, congress_id, status, candidate_ids) "
                        + "VALUES (?, ?, ?, 'CREATED', ?) ON CONFLICT DO NOTHING",
                event.roundId(),
                event.electionId(),
                event.congressId(),
                candidates);
    }

    /** The round's public key and the hashes of its key's shares, for sealing ballots and checking shares. */
    @EventHandler
    void on(RoundKeyCreatedEvent event) {
        jdbc.update(
                "UPDATE round_gate SET public_key = ?, shares_required = ?, share_holders = ?, share_hashes = ? "
                        + "WHERE round_id = ?",
                event.publicKey(),
                event.sharesRequired(),
                event.holders().toArray(String[]::new),
                event.shareHashes().toArray(String[]::new),
                event.roundId());
    }

    @EventHandler
    void on(RoundOpenedEvent event) {
        jdbc.update("UPDATE round_gate SET status = 'OPEN' WHERE round_id = ?", event.roundId());
    }

    @EventHandler
    void on(RoundClosedEvent event) {
        jdbc.update("UPDATE round_gate SET status = 'CLOSED' WHERE round_id = ?", event.roundId());
        for (String member : event.elected()) {
            jdbc.update(
                    "INSERT INTO body_member (election_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.electionId(),
                    member);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM body_member");
        jdbc.update("DELETE FROM election_gate");
        jdbc.update("DELETE FROM round_gate");
        jdbc.update("DELETE FROM motion_gate");
        jdbc.update("DELETE FROM delegate_gate");
        jdbc.update("DELETE FROM congress_gate");
    }

    private void setCongressStatus(String congressId, CongressStatus status) {
        jdbc.update("UPDATE congress_gate SET status = ? WHERE congress_id = ?", status.name(), congressId);
    }

    private void setExcluded(String congressId, String delegateId, boolean excluded) {
        jdbc.update(
                "UPDATE delegate_gate SET excluded = ? WHERE congress_id = ? AND delegate_id = ?",
                excluded,
                congressId,
                delegateId);
    }

    /**
     * The delegate's seat as the gate knows it, for {@link Seat}'s rule. The gate keeps one flag for "rejected or
     * declared absent" (the rule needs only their disjunction); null for a delegate it does not know.
     */
    private Seat seat(String congressId, String delegateId) {
        return jdbc.query(
                "SELECT kind, excluded, replaced_by FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                rs -> rs.next()
                        ? new Seat(
                                DelegateKind.OFFICIAL.name().equals(rs.getString(1)),
                                rs.getBoolean(2),
                                false,
                                rs.getString(3) != null)
                        : null,
                congressId,
                delegateId);
    }

    private void setPresent(String congressId, String delegateId, boolean present) {
        jdbc.update(
                "UPDATE delegate_gate SET present = ? WHERE congress_id = ? AND delegate_id = ?",
                present,
                congressId,
                delegateId);
    }
}
