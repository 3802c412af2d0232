package org.congressvote.command.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CardReissuedEvent;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CandidateWithdrawnEvent;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ListProposedEvent;
import org.congressvote.api.election.NewNamesAdmittedEvent;
import org.congressvote.api.election.NewNamesProposedEvent;
import org.congressvote.api.election.ProposalRejectedEvent;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundKeyCreatedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.WithdrawalRequestedEvent;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.command.eventstore.ReplayedProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log's index ({@code audit_index}): for each stored event, the congress, motion and delegates it is about,
 * written in the event's own transaction (a subscribing group) with the event's global index. The audit log's filters
 * find their rows through it; the rows themselves are still read from the event table. Each event type's subjects are
 * named here through its record's accessors, so a renamed component fails to compile rather than filter nothing
 * ({@code AuditIndexTest} fails on an event type of the contract missing here).
 */
@Component
@ProcessingGroup(AuditIndex.GROUP)
class AuditIndex implements ReplayedProjection {

    static final String GROUP = "audit-index";

    /** What an event is about; {@code otherDelegateId}: the official an alternate replaced. */
    record Subjects(String congressId, String motionId, String delegateId, String otherDelegateId) {

        static Subjects congress(String congressId) {
            return new Subjects(congressId, null, null, null);
        }

        static Subjects motion(String congressId, String motionId) {
            return new Subjects(congressId, motionId, null, null);
        }

        static Subjects delegate(String congressId, String delegateId) {
            return new Subjects(congressId, null, delegateId, null);
        }
    }

    private static final Map<Class<?>, Function<Object, Subjects>> SUBJECTS = new HashMap<>();

    static {
        about(CongressCreatedEvent.class, e -> Subjects.congress(e.congressId()));
        about(CredentialsVerifiedEvent.class, e -> Subjects.congress(e.congressId()));
        about(SessionOpenedEvent.class, e -> Subjects.congress(e.congressId()));
        about(CongressClosedEvent.class, e -> Subjects.congress(e.congressId()));
        about(DelegateRegisteredEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(CredentialsAcceptedEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(CredentialsRejectedEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(DelegateCheckedInEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(DelegateCheckedOutEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(DelegateDeclaredAbsentEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(CardReissuedEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
        about(
                AlternateSeatedEvent.class,
                e -> new Subjects(e.congressId(), null, e.alternateId(), e.replacedDelegateId()));
        about(MotionCreatedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(MotionOpenedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(MotionClosedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(VoteCastEvent.class, e -> new Subjects(e.congressId(), e.motionId(), e.delegateId(), null));
        about(ElectionCreatedEvent.class, e -> Subjects.congress(e.congressId()));
        about(CandidateNominatedEvent.class, e -> Subjects.congress(e.congressId()));
        about(SeatsProposedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(SeatsDecidedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(WithdrawalRequestedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(CandidateWithdrawnEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(ListProposedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(CandidateListApprovedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(NewNamesProposedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(NewNamesAdmittedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(ProposalRejectedEvent.class, e -> Subjects.motion(e.congressId(), e.motionId()));
        about(RoundStartedEvent.class, e -> Subjects.congress(e.congressId()));
        about(RoundKeyCreatedEvent.class, e -> Subjects.congress(e.congressId()));
        about(RoundOpenedEvent.class, e -> Subjects.congress(e.congressId()));
        about(BallotBoxOpenedEvent.class, e -> Subjects.congress(e.congressId()));
        about(RoundClosedEvent.class, e -> Subjects.congress(e.congressId()));
        // participation only: the delegate returned a ballot in this round (never its content)
        about(BallotCastEvent.class, e -> Subjects.delegate(e.congressId(), e.delegateId()));
    }

    private static <E> void about(Class<E> type, Function<E, Subjects> subjects) {
        SUBJECTS.put(type, event -> subjects.apply(type.cast(event)));
    }

    /** The event types this index knows. */
    static Set<Class<?>> indexedTypes() {
        return SUBJECTS.keySet();
    }

    /** What the event is about, or null for a type this index does not know. */
    static Subjects subjectsOf(Object event) {
        Function<Object, Subjects> subjects = SUBJECTS.get(event.getClass());
        return subjects == null ? null : subjects.apply(event);
    }

    private final JdbcTemplate jdbc;

    AuditIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        index(event, message);
    }

    @Override
    public void apply(DomainEventMessage<?> event) {
        if (SUBJECTS.containsKey(event.getPayloadType())) {
            index(event.getPayload(), event);
        }
    }

    private void index(Object event, DomainEventMessage<?> message) {
        Subjects subjects = subjectsOf(event);
        if (subjects == null) {
            return;
        }
        jdbc.update(
                "INSERT INTO audit_index (global_index, congress_id, motion_id, delegate_id, other_delegate_id) "
                        + "SELECT globalindex, ?, ?, ?, ? FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND sequencenumber = ? ON CONFLICT DO NOTHING",
                subjects.congressId(),
                subjects.motionId(),
                subjects.delegateId(),
                subjects.otherDelegateId(),
                message.getAggregateIdentifier(),
                message.getSequenceNumber());
    }
}
