package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.store.OutOfSequence;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.store.ViewWriteConflict;
import org.congressvote.query.support.InMemoryMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is parked, what is retried from the token, and how the parked events stay consistent with batches. */
class ParkingTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private ParkedEvents parked;
    private final ParkingPolicy policy = new ParkingPolicy("views", (processor, segment) -> {});

    @BeforeEach
    void setUp() {
        parked = ProcessingConfiguration.parkedEventsIn(
                mongo.freshDatabase(), JacksonSerializer.defaultSerializer(), 100, 100);
    }

    @Test
    void aHandlersOwnFailureOrAGapIsParked() {
        assertThat(policy.decide(letter("a", 3, 10), new IllegalStateException("bug"))
                        .shouldEnqueue())
                .isTrue();
        assertThat(policy.decide(letter("a", 3, 10), new OutOfSequence("congresses", "a", 3, 0))
                        .shouldEnqueue())
                .isTrue();
    }

    @Test
    void transientFailuresFailTheBatchInsteadOfBeingSkipped() {
        assertThatThrownBy(() ->
                        policy.decide(letter("a", 1, 1), new MongoSocketReadException("gone", new ServerAddress())))
                .isInstanceOf(MongoSocketReadException.class);
        assertThatThrownBy(() -> policy.decide(letter("a", 1, 1), new ViewWriteConflict("congresses", "a")))
                .isInstanceOf(ViewWriteConflict.class);
        assertThatThrownBy(() -> policy.decide(letter("a", 1, 1), new GuardedTokenStore.StoreWentBack("views", 0)))
                .isInstanceOf(GuardedTokenStore.StoreWentBack.class);
    }

    @Test
    void aGapIsNotParkedWhenTheStoreWentBack() {
        ParkingPolicy guarded = new ParkingPolicy("views", (processor, segment) -> {
            throw new GuardedTokenStore.StoreWentBack(processor, segment);
        });
        var unitOfWork = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(
                letter("a", 3, 10).message());
        unitOfWork.resources().put("Processor[views]/SegmentId", 0);
        try {
            assertThatThrownBy(() -> guarded.decide(letter("a", 3, 10), new OutOfSequence("congresses", "a", 3, 0)))
                    .isInstanceOf(GuardedTokenStore.StoreWentBack.class);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void lettersOfARolledBackBatchAreNotStored() {
        parked.beginBatch();
        parked.enqueue("a", letter("a", 3, 10));
        assertThat(parked.contains("a")).isTrue();
        parked.discardBatch();

        assertThat(parked.contains("a")).isFalse();
        assertThat(parked.size()).isZero();
    }

    @Test
    void aReplayedBatchDoesNotParkAnEventTwice() {
        DeadLetter<EventMessage<?>> first = letter("a", 3, 10);
        for (int attempt = 0; attempt < 2; attempt++) {
            parked.beginBatch();
            parked.enqueue("a", first);
            parked.writeBatch();
            parked.discardBatch();
        }

        assertThat(parked.sequenceSize("a")).isEqualTo(1);
    }

    @Test
    void laterEventsOfTheAggregateWaitBehindTheParkedOneButEarlierOnesReadAgainAreNot() {
        parked.enqueue("a", letter("a", 3, 10));

        assertThat(parked.enqueueIfPresent("a", () -> letter("a", 4, 11))).isTrue();
        assertThat(parked.enqueueIfPresent("a", () -> letter("a", 0, 7)))
                .as("replayed from before")
                .isFalse();
        assertThat(parked.enqueueIfPresent("b", () -> letter("b", 0, 12))).isFalse();
        assertThat(parked.sequenceSize("a")).isEqualTo(2);
        assertThat(parked.list(10, 10)).singleElement().satisfies(sequence -> {
            assertThat(sequence.sequence()).isEqualTo("a");
            assertThat(sequence.events().get(0).aggregateSequence()).isEqualTo(3);
            assertThat(sequence.events().get(0).offset()).isEqualTo(10);
        });

        assertThat(parked.drop("a")).isEqualTo(2);
        assertThat(parked.contains("a")).isFalse();
    }

    private static DeadLetter<EventMessage<?>> letter(String congress, long seq, long offset) {
        EventMessage<?> event = new GenericDomainEventMessage<>(
                        "Congress", congress, seq, new DelegateCheckedInEvent(congress, "d001"))
                .andMetaData(new StreamPosition(0, offset).asMetaData());
        return new GenericDeadLetter<>(congress, event, new IllegalStateException("cannot apply"));
    }
}
