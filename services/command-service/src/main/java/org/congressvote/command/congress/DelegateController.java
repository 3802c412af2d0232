package org.congressvote.command.congress;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.identity.Principal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the delegate's own page shows: who they are, whether they are in the hall, and the votes open now in their
 * congress with whether they have voted. Read from the record, so a reload or a lost connection shows the truth.
 */
@RestController
@RequestMapping("/api/delegate")
class DelegateController {

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final StaffActions staffActions;

    DelegateController(JdbcTemplate jdbc, EventStore eventStore, StaffActions staffActions) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.staffActions = staffActions;
    }

    /**
     * One open vote: a motion (show of hands) or an election round (secret ballot). A round's ballot keeps at most
     * {@code seats} + {@code alternateSeats} names.
     */
    record OpenVote(
            String kind,
            String id,
            String electionId,
            String title,
            String text,
            Integer round,
            Integer seats,
            List<Candidate> candidates,
            boolean voted,
            String choice,
            Integer alternateSeats) {}

    /**
     * {@code staffActions}: what staff did to this delegate's card, presence, credentials or seat, with who and why,
     * so that the delegate sees at once a card re-issued that they did not ask for.
     */
    record Me(
            String congressId,
            String delegateId,
            String fullName,
            boolean present,
            List<OpenVote> openVotes,
            List<StaffActions.Action> staffActions) {}

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal Principal delegate) {
        String c = delegate.congressId();
        String d = delegate.delegateId();
        List<Object[]> row = jdbc.query(
                "SELECT full_name, present FROM delegate_gate WHERE congress_id = ? AND delegate_id = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2)},
                c,
                d);
        String name = row.isEmpty() ? d : (String) row.get(0)[0];
        boolean present = !row.isEmpty() && (Boolean) row.get(0)[1];
        List<OpenVote> open = new ArrayList<>();
        // A body's own show of hands (the executive committee's plenum) is offered to its members only.
        for (String motionId : jdbc.queryForList(
                "SELECT m.motion_id FROM motion_gate m WHERE m.congress_id = ? AND m.status = 'OPEN' "
                        + "AND (m.electorate_id IS NULL OR EXISTS (SELECT 1 FROM body_member b "
                        + "WHERE b.election_id = m.electorate_id AND b.member_id = ?)) ORDER BY m.motion_id",
                String.class,
                c,
                d)) {
            MotionCreatedEvent motion = first(motionId, MotionCreatedEvent.class);
            VoteCastEvent vote = first(VoteId.of(motionId, d), VoteCastEvent.class);
            open.add(new OpenVote(
                    "MOTION",
                    motionId,
                    null,
                    motion == null ? motionId : motion.title(),
                    motion == null ? null : motion.text(),
                    null,
                    null,
                    null,
                    vote != null,
                    vote == null ? null : vote.choice().name(),
                    null));
        }
        // A body's own round (the executive committee's plenum) is offered to its members only.
        for (String[] round : jdbc.query(
                "SELECT r.round_id, r.election_id FROM round_gate r LEFT JOIN election_gate e "
                        + "ON e.election_id = r.election_id WHERE r.congress_id = ? AND r.status = 'OPEN' "
                        + "AND (e.electorate_id IS NULL OR EXISTS (SELECT 1 FROM body_member m "
                        + "WHERE m.election_id = e.electorate_id AND m.member_id = ?)) ORDER BY r.round_id",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                c,
                d)) {
            ElectionCreatedEvent election = first(round[1], ElectionCreatedEvent.class);
            RoundStartedEvent started = last(round[1], RoundStartedEvent.class);
            boolean voted = !jdbc.queryForList(
                            "SELECT 1 FROM domainevententry WHERE aggregateidentifier = ?",
                            CastBallotCommand.participationId(round[0], d))
                    .isEmpty();
            open.add(new OpenVote(
                    "ROUND",
                    round[0],
                    round[1],
                    election == null ? round[1] : election.title(),
                    null,
                    started == null ? null : started.round(),
                    started == null ? null : started.seats(),
                    started == null ? List.of() : started.candidates(),
                    voted,
                    null,
                    started == null ? null : started.alternateSeats()));
        }
        return new Me(c, d, name, present, open, staffActions.concerning(c, d));
    }

    private <T> T first(String aggregateId, Class<T> type) {
        var events = eventStore.readEvents(aggregateId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (type.isInstance(event.getPayload())) {
                return type.cast(event.getPayload());
            }
        }
        return null;
    }

    private <T> T last(String aggregateId, Class<T> type) {
        T found = null;
        var events = eventStore.readEvents(aggregateId);
        while (events.hasNext()) {
            Object payload = events.next().getPayload();
            if (type.isInstance(payload)) {
                found = type.cast(payload);
            }
        }
        return found;
    }
}
