package org.congressvote.command.minutes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectorateBase;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.vote.VoteId;
import org.congressvote.command.audit.LogChain;
import org.congressvote.command.audit.TreeHead;
import org.congressvote.command.audit.TreeHeads;
import org.congressvote.command.congress.StaffActions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds the minutes of a closed vote from the event log and the hash chain. */
@Component
class MinutesService {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TreeHeads heads;
    private final StaffActions staffActions;

    MinutesService(EventStore eventStore, JdbcTemplate jdbc, TreeHeads heads, StaffActions staffActions) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.heads = heads;
        this.staffActions = staffActions;
    }

    Minutes motion(String motionId) {
        MotionCreatedEvent created = null;
        DomainEventMessage<?> closing = null;
        for (DomainEventMessage<?> event : events(motionId)) {
            if (event.getPayload() instanceof MotionCreatedEvent c) {
                created = c;
            } else if (event.getPayload() instanceof MotionClosedEvent) {
                closing = event;
            }
        }
        if (created == null) {
            throw new DomainRuleViolation(ErrorCode.MOTION_NOT_FOUND, "There is no motion " + motionId + ".");
        }
        if (closing == null) {
            throw new DomainRuleViolation(
                    ErrorCode.MOTION_NOT_OPEN,
                    "Motion " + motionId + " is not closed yet: the minutes are made from the count at the close.");
        }
        MotionClosedEvent closed = (MotionClosedEvent) closing.getPayload();
        long cast = closed.agree() + closed.disagree() + closed.abstain();
        List<Minutes.Count> counts = List.of(
                new Minutes.Count("AGREE", "Tán thành", closed.agree(), null, null),
                new Minutes.Count("DISAGREE", "Không tán thành", closed.disagree(), null, null),
                new Minutes.Count("ABSTAIN", "Không biểu quyết", closed.abstain(), null, null));
        Chained chained = chained(closing);
        return new Minutes(
                Minutes.OPEN_VOTE,
                created.congressId(),
                congressName(created.congressId()),
                motionId,
                created.title(),
                0,
                closing.getTimestamp().toString(),
                closed.summoned(),
                closed.present(),
                closed.present(),
                cast,
                cast,
                0,
                counts,
                closed.rule().base().name(),
                closed.rule().fraction().toString(),
                closed.rule().strictlyMore(),
                closed.baseCount(),
                closed.threshold(),
                closed.adopted() ? "ADOPTED" : "NOT_ADOPTED",
                List.of(),
                List.of(),
                null,
                chained.globalIndex(),
                chained.hash(),
                chained.head(),
                null,
                staffActions.flagWindow().toMinutes(),
                afterCardReissue(
                        created.congressId(),
                        VoteId.firstOfMotion(motionId),
                        VoteId.afterMotion(motionId),
                        chained.globalIndex()),
                closed.electorateTitle(),
                ElectorateBase.text(closed.electorateTitle(), closed.rule(), closed.baseCount(), closed.threshold()),
                0,
                0,
                List.of(),
                0,
                0,
                0);
    }

    Minutes round(String electionId, int round) {
        ElectionCreatedEvent created = null;
        DomainEventMessage<?> closing = null;
        Minutes.BoxOpened opened = null;
        for (DomainEventMessage<?> event : events(electionId)) {
            if (event.getPayload() instanceof ElectionCreatedEvent c) {
                created = c;
            } else if (event.getPayload() instanceof BallotBoxOpenedEvent o && o.round() == round) {
                opened = new Minutes.BoxOpened(
                        o.openedBy(), o.sharesRequired(), o.countedReceipts().size());
            } else if (event.getPayload() instanceof RoundClosedEvent r && r.round() == round) {
                closing = event;
            }
        }
        if (created == null) {
            throw new DomainRuleViolation(ErrorCode.ELECTION_NOT_FOUND, "There is no election " + electionId + ".");
        }
        if (closing == null) {
            throw new DomainRuleViolation(
                    ErrorCode.ELECTION_STATE,
                    "Round " + round + " of election " + electionId
                            + " is not closed: the minutes are made from the count at the close.");
        }
        RoundClosedEvent closed = (RoundClosedEvent) closing.getPayload();
        List<Minutes.Count> counts = new ArrayList<>();
        List<Minutes.Alternate> alternates = new ArrayList<>();
        for (CandidateResult r : closed.results()) {
            counts.add(new Minutes.Count(
                    r.candidateId(), r.fullName(), r.votes(), r.reachedThreshold(), r.elected(), r.alternateRank()));
            if (r.alternateRank() > 0) {
                alternates.add(new Minutes.Alternate(r.alternateRank(), r.candidateId(), r.fullName(), r.votes()));
            }
        }
        alternates.sort(Comparator.comparingInt(Minutes.Alternate::rank));
        Chained chained = chained(closing);
        return new Minutes(
                Minutes.ELECTION_ROUND,
                created.congressId(),
                congressName(created.congressId()),
                closed.roundId(),
                created.title(),
                round,
                closing.getTimestamp().toString(),
                closed.summoned(),
                closed.present(),
                closed.issued(),
                closed.returned(),
                closed.valid(),
                closed.invalid(),
                counts,
                closed.rule().base().name(),
                closed.rule().fraction().toString(),
                closed.rule().strictlyMore(),
                closed.baseCount(),
                closed.threshold(),
                closed.elected().isEmpty() ? "NONE_ELECTED" : "ELECTED",
                closed.elected(),
                closed.tiedForLastSeat(),
                closed.seatsRemaining(),
                chained.globalIndex(),
                chained.hash(),
                chained.head(),
                opened,
                staffActions.flagWindow().toMinutes(),
                afterCardReissue(
                        created.congressId(),
                        CastBallotCommand.participationId(closed.roundId(), ""),
                        CastBallotCommand.participationId(closed.roundId(), "") + Character.MAX_VALUE,
                        chained.globalIndex()),
                closed.electorateTitle(),
                ElectorateBase.text(closed.electorateTitle(), closed.rule(), closed.baseCount(), closed.threshold()),
                closed.seats(),
                closed.alternateSeats(),
                List.copyOf(alternates),
                closed.alternateSeatsRemaining(),
                closed.tiedAtPosition(),
                closed.tiedAtPosition() > closed.seats()
                        ? closed.firstAlternateRank() + closed.tiedAtPosition() - closed.seats() - 1
                        : 0);
    }

    /**
     * The votes (or ballots returned) stored before the close, in the id range [from, to), that were cast within the
     * flag window after a re-issue of the voter's card. Read from the chained columns of the log itself, no payload:
     * the delegate is the rest of the aggregate id after the range's prefix ({@code VoteId.of},
     * {@code CastBallotCommand.participationId}), the time is the event's time stamp; so the minutes' flags are
     * what the verified log says, and an edit of a projection cannot remove one.
     */
    private List<StaffActions.Flag> afterCardReissue(String congressId, String from, String to, long closePosition) {
        List<StaffActions.Action> reissues = staffActions.reissues(congressId);
        if (reissues.isEmpty()) {
            return List.of();
        }
        List<StaffActions.Flag> flags = new ArrayList<>();
        jdbc.query(
                "SELECT aggregateidentifier, timestamp FROM domainevententry WHERE aggregateidentifier >= ? "
                        + "AND aggregateidentifier < ? AND sequencenumber = 0 AND globalindex > 0 AND globalindex < ? "
                        + "ORDER BY globalindex",
                rs -> {
                    String delegateId = rs.getString(1).substring(from.length());
                    StaffActions.Flag flag = staffActions.flag(reissues, delegateId, Instant.parse(rs.getString(2)));
                    if (flag != null) {
                        flags.add(flag);
                    }
                },
                from,
                to,
                closePosition);
        return flags;
    }

    private record Chained(long globalIndex, String hash, TreeHead head) {}

    /** The chain's hash up to and including the closing event, and the first signed tree head that covers it. */
    private Chained chained(DomainEventMessage<?> closing) {
        record Link(long position, long globalIndex, String hash) {}
        Link link = jdbc
                .query(
                        "SELECT c.position, c.global_index, c.hash FROM event_chain c JOIN domainevententry e "
                                + "ON e.globalindex = c.global_index WHERE e.eventidentifier = ?",
                        (rs, n) -> new Link(rs.getLong(1), rs.getLong(2), LogChain.hex(rs.getBytes(3))),
                        closing.getIdentifier())
                .stream()
                .findFirst()
                .orElseThrow(() -> new DomainRuleViolation(
                        ErrorCode.CONGRESS_STATE,
                        "The log's hash chain has not reached this close yet; try again in a few seconds."));
        TreeHead head = heads.covering(link.position());
        if (head == null) {
            throw new DomainRuleViolation(
                    ErrorCode.CONGRESS_STATE,
                    "The signed tree head over this close is not published yet; try again in a few seconds.");
        }
        return new Chained(link.globalIndex(), link.hash(), head);
    }

    private String congressName(String congressId) {
        return events(congressId).stream()
                .map(DomainEventMessage::getPayload)
                .filter(CongressCreatedEvent.class::isInstance)
                .map(p -> ((CongressCreatedEvent) p).name())
                .findFirst()
                .orElse(congressId);
    }

    private List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        stream.forEachRemaining(events::add);
        return events;
    }
}
