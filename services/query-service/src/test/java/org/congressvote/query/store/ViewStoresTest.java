package org.congressvote.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.congress.CongressProjection;
import org.congressvote.query.election.ElectionProjection;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.support.InMemoryMongo;
import org.congressvote.query.support.TopicPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recount's store in memory and the live store in MongoDB follow the same rules and, written out, give the same
 * views: the recount compares like with like.
 */
class ViewStoresTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    @Test
    void bothStoresApplyInSequenceSkipRepeatsAndRefuseGaps() {
        MongoDatabase database = mongo.freshDatabase();
        for (ViewStore store : List.of(new MongoViewStore(database), new MemoryViewStore())) {
            assertThat(store.applyInSequence("views", "a", 0, Change.of().set("n", 1L)))
                    .isTrue();
            assertThat(store.applyInSequence("views", "a", 0, Change.of().set("n", 99L)))
                    .isFalse();
            assertThat(store.applyInSequence("views", "a", 1, Change.of().inc("n", 1)))
                    .isTrue();
            assertThat(store.applyInSequence("views", "a", 1, Change.of().inc("n", 1)))
                    .isFalse();
            assertThatThrownBy(() ->
                            store.applyInSequence("views", "a", 3, Change.of().inc("n", 1)))
                    .isInstanceOf(OutOfSequence.class);
            assertThatThrownBy(() -> store.applyInSequence("views", "b", 2, Change.of()))
                    .isInstanceOf(OutOfSequence.class);
            assertThat(store.find("views", "a").get("n", Number.class).longValue())
                    .isEqualTo(2);
            assertThat(store.countOnce("counts", "d1", Change.of().inc("x", 1), new StreamPosition(0, 5)))
                    .isTrue();
            // the same record again, and the same member published again at a later offset
            assertThat(store.countOnce("counts", "d1", Change.of().inc("x", 1), new StreamPosition(0, 5)))
                    .isFalse();
            store.countOnce("counts", "d1", Change.of().inc("x", 1), new StreamPosition(0, 9));
            assertThat(store.find("counts", ViewStore.counterId(0))
                            .get("x", Number.class)
                            .longValue())
                    .isEqualTo(1);
            assertThat(store.insertOnce("once", new Document("_id", "r1"))).isTrue();
            assertThat(store.insertOnce("once", new Document("_id", "r1"))).isFalse();
            database.drop();
        }
    }

    @Test
    void theSameEventsGiveTheSameViewsInMemoryAsInMongo() throws Exception {
        MongoDatabase live = mongo.freshDatabase();
        MongoDatabase recounted = mongo.freshDatabase();
        MemoryViewStore memory = new MemoryViewStore();
        Projections inMongo = new Projections(live, new MongoViewStore(live));
        Projections inMemory = new Projections(recounted, memory);

        for (EventMessage<?> event : scenario()) {
            inMongo.handle(event);
            inMongo.handle(event);
            inMemory.handle(event);
            inMemory.handle(event);
        }
        memory.writeTo(recounted);

        for (Function<Projections, Object> view : List.<Function<Projections, Object>>of(
                p -> p.congresses.handle(new FetchCongressQuery("c1")),
                p -> p.congresses.handle(new FetchRosterQuery("c1")),
                p -> p.motions.handle(new FetchTallyQuery("m1")),
                p -> p.motions.handle(new FetchTallyQuery("m2")),
                p -> p.motions.liveCounts("m1"),
                p -> p.motions.liveCounts("m2"),
                p -> p.elections.handle(new FetchElectionQuery("e1")),
                p -> p.elections.handle(new FetchPublishedBallotsQuery("e1", 1)),
                p -> p.elections.turnout("e1-r2"))) {
            assertThat(view.apply(inMemory)).isEqualTo(view.apply(inMongo)).isNotNull();
        }
        assertThat(inMongo.motions.liveCounts("m1").voted()).isEqualTo(12);
        assertThat(inMongo.elections.turnout("e1-r2")).isEqualTo(5);
    }

    private static final class Projections {
        final CongressProjection congresses;
        final MotionProjection motions;
        final ElectionProjection elections;
        final List<AnnotationEventHandlerAdapter> handlers;

        Projections(MongoDatabase database, ViewStore store) {
            congresses = new CongressProjection(database, store, ChangeListener.NONE);
            motions = new MotionProjection(database, store, ChangeListener.NONE);
            elections = new ElectionProjection(database, store, ChangeListener.NONE);
            handlers = List.of(
                    new AnnotationEventHandlerAdapter(congresses),
                    new AnnotationEventHandlerAdapter(motions),
                    new AnnotationEventHandlerAdapter(elections));
        }

        void handle(EventMessage<?> event) throws Exception {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            }
        }
    }

    private static List<EventMessage<?>> scenario() {
        List<EventMessage<?>> events = new ArrayList<>();
        long[] seq = {0};
        Function<Object, EventMessage<?>> congress =
                payload -> new GenericDomainEventMessage<>("Congress", "c1", seq[0]++, payload);
        events.add(congress.apply(new CongressCreatedEvent(
                "c1", "Congress", Fraction.TWO_THIRDS, List.of(new Organisation("o1", "North", 300)))));
        for (int d = 0; d < 15; d++) {
            events.add(congress.apply(new DelegateRegisteredEvent(
                    "c1",
                    "d" + d,
                    "Delegate " + d,
                    "o1",
                    d < 12 ? DelegateKind.OFFICIAL : DelegateKind.ALTERNATE,
                    null,
                    null)));
        }
        for (int d = 0; d < 11; d++) {
            events.add(congress.apply(new CredentialsAcceptedEvent("c1", "d" + d)));
        }
        events.add(congress.apply(new CredentialsRejectedEvent("c1", "d11", "papers")));
        events.add(congress.apply(new DelegateDeclaredAbsentEvent("c1", "d10", "ill")));
        events.add(congress.apply(new AlternateSeatedEvent("c1", "d12", "d10", "d10 is ill")));
        for (int d = 0; d < 10; d++) {
            events.add(congress.apply(new DelegateCheckedInEvent("c1", "d" + d)));
        }
        events.add(congress.apply(new DelegateCheckedInEvent("c1", "d12")));
        events.add(congress.apply(new DelegateCheckedOutEvent("c1", "d3")));

        for (String motion : List.of("m1", "m2")) {
            events.add(new GenericDomainEventMessage<>(
                    "Motion", motion, 0, new MotionCreatedEvent(motion, "c1", "Motion " + motion)));
            events.add(new GenericDomainEventMessage<>("Motion", motion, 1, new MotionOpenedEvent(motion, "c1")));
        }
        for (int d = 0; d < 12; d++) {
            VoteChoice choice = VoteChoice.values()[d % 3];
            events.add(new GenericDomainEventMessage<>(
                    "Vote",
                    VoteId.of("m1", "d" + d),
                    0,
                    new VoteCastEvent(VoteId.of("m1", "d" + d), "m1", "c1", "d" + d, choice, "r" + d)));
        }
        events.add(new GenericDomainEventMessage<>(
                "Motion",
                "m1",
                2,
                new MotionClosedEvent("m1", "c1", DecisionRule.MAJORITY_OF_SUMMONED, 11, 10, 4, 4, 4, 11, 6, false)));

        List<Candidate> candidates = List.of(new Candidate("k1", "One"), new Candidate("k2", "Two"));
        events.add(new GenericDomainEventMessage<>(
                "Election",
                "e1",
                0,
                new ElectionCreatedEvent("e1", "c1", "Committee", 1, DecisionRule.MAJORITY_OF_SUMMONED)));
        events.add(new GenericDomainEventMessage<>(
                "Election", "e1", 1, new RoundStartedEvent("e1", "c1", "e1-r1", 1, 1, candidates)));
        events.add(new GenericDomainEventMessage<>("Election", "e1", 2, new RoundOpenedEvent("e1", "c1", "e1-r1", 1)));
        for (int d = 0; d < 3; d++) {
            events.add(new GenericDomainEventMessage<>(
                    "Ballot",
                    "ballot:e1-r1:d" + d,
                    0,
                    new BallotCastEvent("ballot:e1-r1:d" + d, "e1", "e1-r1", "c1", "d" + d, "h")));
        }
        events.add(new GenericDomainEventMessage<>(
                "Election",
                "e1",
                3,
                new RoundClosedEvent(
                        "e1",
                        "c1",
                        "e1-r1",
                        1,
                        1,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        11,
                        10,
                        10,
                        3,
                        3,
                        0,
                        11,
                        6,
                        List.of(
                                new CandidateResult("k1", "One", 2, false, false),
                                new CandidateResult("k2", "Two", 1, false, false)),
                        List.of(),
                        List.of(),
                        1,
                        List.of(
                                new ReleasedBallot(List.of("k1"), true, "h1"),
                                new ReleasedBallot(List.of("k2"), true, "h2"),
                                new ReleasedBallot(List.of("k1"), true, "h3")))));
        events.add(new GenericDomainEventMessage<>(
                "Election", "e1", 4, new RoundStartedEvent("e1", "c1", "e1-r2", 2, 1, candidates)));
        events.add(new GenericDomainEventMessage<>("Election", "e1", 5, new RoundOpenedEvent("e1", "c1", "e1-r2", 2)));
        for (int d = 0; d < 5; d++) {
            events.add(new GenericDomainEventMessage<>(
                    "Ballot",
                    "ballot:e1-r2:d" + d,
                    0,
                    new BallotCastEvent("ballot:e1-r2:d" + d, "e1", "e1-r2", "c1", "d" + d, "h")));
        }
        TopicPositions topic = new TopicPositions(4);
        events.replaceAll(e -> topic.place(
                e instanceof GenericDomainEventMessage<?> m
                        ? new GenericDomainEventMessage<>(
                                m.getType(),
                                m.getAggregateIdentifier(),
                                m.getSequenceNumber(),
                                m.getPayload(),
                                m.getMetaData(),
                                m.getIdentifier(),
                                Instant.parse("2026-05-01T09:00:00Z"))
                        : e));
        return events;
    }
}
