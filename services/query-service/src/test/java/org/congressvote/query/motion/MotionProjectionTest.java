package org.congressvote.query.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionResult;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.MotionTallyResponse;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.query.store.MongoViewStore;
import org.congressvote.query.store.OutOfSequence;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.support.InMemoryMongo;
import org.congressvote.query.support.RecordingChangeListener;
import org.congressvote.query.support.TopicPositions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MotionProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private static final int PARTITIONS = 4;
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final DecisionRule TWO_THIRDS_PRESENT =
            new DecisionRule(DecisionRule.Base.PRESENT, Fraction.TWO_THIRDS, false);

    private MongoDatabase database;
    private RecordingChangeListener changes;
    private MotionProjection projection;
    private final TopicPositions topic = new TopicPositions(PARTITIONS);

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        changes = new RecordingChangeListener();
        projection = projection();
    }

    private MotionProjection projection() {
        return new MotionProjection(database, new MongoViewStore(database), changes);
    }

    @Test
    void tallyCountsEachChoiceWhileTheMotionIsOpen() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.AGREE);
        vote("m1", "d3", VoteChoice.DISAGREE);
        vote("m1", "d4", VoteChoice.ABSTAIN);

        MotionTallyResponse tally = tally("m1");
        assertThat(tally.status()).isEqualTo(MotionStatus.OPEN);
        assertThat(List.of(tally.agree(), tally.disagree(), tally.abstain(), tally.voted()))
                .containsExactly(2L, 1L, 1L, 4L);
        assertThat(tally.result()).isNull();
    }

    @Test
    void motionShowsItsKindRuleAndText() {
        projection.on(
                new MotionCreatedEvent(
                        "m1",
                        "c1",
                        "Resolution",
                        MotionKind.RESOLUTION,
                        TWO_THIRDS_PRESENT,
                        "At least 1,200 new members in the term."),
                0,
                T0);

        MotionTallyResponse tally = tally("m1");
        assertThat(tally.kind()).isEqualTo(MotionKind.RESOLUTION);
        assertThat(tally.rule()).isEqualTo(TWO_THIRDS_PRESENT);
        assertThat(tally.text()).isEqualTo("At least 1,200 new members in the term.");
        assertThat(tally.status()).isEqualTo(MotionStatus.CREATED);
    }

    @Test
    void aBodysMotionShowsWhoseMembersVoteAndTheirBase() {
        projection.on(
                new MotionCreatedEvent(
                        "btv-ds",
                        "c1",
                        "Bầu Ban Thường vụ: danh sách bầu cử 4 người",
                        MotionKind.PROCEDURAL,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        null,
                        "btv",
                        "bch",
                        "Ban Chấp hành"),
                0,
                T0);
        projection.on(new MotionOpenedEvent("btv-ds", "c1"), 1);
        projection.on(
                new MotionClosedEvent(
                        "btv-ds",
                        "c1",
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        33,
                        31,
                        17,
                        0,
                        0,
                        33,
                        17,
                        true,
                        "btv",
                        "bch",
                        "Ban Chấp hành"),
                2);

        MotionTallyResponse tally = tally("btv-ds");
        assertThat(tally.electorateElectionId()).isEqualTo("bch");
        assertThat(tally.electorateTitle()).isEqualTo("Ban Chấp hành");
        assertThat(List.of(
                        tally.result().summoned(),
                        tally.result().baseCount(),
                        tally.result().threshold()))
                .containsExactly(33L, 33L, 17L);
        assertThat(tally("btv-ds").result().adopted()).isTrue();
    }

    @Test
    void closedMotionShowsTheResultTheCloseDecidedWithItsBaseAndThreshold() {
        openMotion("m1");
        for (int i = 0; i < 123; i++) {
            vote("m1", "d" + i, VoteChoice.AGREE);
        }
        vote("m1", "x1", VoteChoice.DISAGREE);
        projection.on(
                new MotionClosedEvent(
                        "m1", "c1", DecisionRule.MAJORITY_OF_SUMMONED, 245, 200, 123, 1, 0, 245, 123, true),
                2);

        MotionTallyResponse tally = tally("m1");
        assertThat(tally.status()).isEqualTo(MotionStatus.CLOSED);
        assertThat(tally.result())
                .isEqualTo(new MotionResult(245, 200, 123, 1, 0, DecisionRule.Base.SUMMONED, 245, 123, true));
        assertThat(List.of(tally.agree(), tally.disagree(), tally.abstain(), tally.voted()))
                .containsExactly(123L, 1L, 0L, 124L);
    }

    @Test
    void votesCountedLiveEqualTheCountsOfTheCloseEvenWhenSomeArriveAfterIt() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.DISAGREE);
        // The close travels in another partition than the last votes stored before it: it may be seen first.
        projection.on(
                new MotionClosedEvent("m1", "c1", DecisionRule.MAJORITY_OF_SUMMONED, 5, 4, 2, 1, 1, 5, 3, false), 2);
        vote("m1", "d3", VoteChoice.ABSTAIN);
        vote("m1", "d4", VoteChoice.AGREE);
        vote("m1", "d3", VoteChoice.ABSTAIN);

        MotionTallyResponse tally = tally("m1");
        MotionProjection.LiveCounts counted = projection.liveCounts("m1");
        assertThat(counted)
                .isEqualTo(new MotionProjection.LiveCounts(
                        tally.result().agree(),
                        tally.result().disagree(),
                        tally.result().abstain()));
        assertThat(List.of(tally.agree(), tally.disagree(), tally.abstain())).containsExactly(2L, 1L, 1L);
    }

    @Test
    void voteDeliveredTwiceIsCountedOnce() {
        openMotion("m1");
        StreamPosition at = vote("m1", "d1", VoteChoice.AGREE);
        deliver("m1", "d1", VoteChoice.AGREE, at);

        assertThat(tally("m1").agree()).isEqualTo(1);
        assertThat(tally("m1").voted()).isEqualTo(1);
    }

    @Test
    void votePublishedTwiceByTheCommandSideIsCountedOnce() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.DISAGREE);
        // The publisher crashed after sending, before storing its position: the same event comes again, further on.
        vote("m1", "d1", VoteChoice.AGREE);

        assertThat(projection.liveCounts("m1")).isEqualTo(new MotionProjection.LiveCounts(1, 1, 0));
    }

    @Test
    void voteReplayedAfterOtherVotesIsCountedOnce() {
        openMotion("m1");
        List<StreamPosition> positions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            positions.add(vote("m1", "d" + i, VoteChoice.values()[i % 3]));
        }
        // Redelivery of the whole stream, as after a crash before the token was stored.
        for (int i = 0; i < 300; i++) {
            deliver("m1", "d" + i, VoteChoice.values()[i % 3], positions.get(i));
        }

        assertThat(projection.liveCounts("m1")).isEqualTo(new MotionProjection.LiveCounts(100, 100, 100));
    }

    @Test
    void aSecondCopyIsRecognisedAfterMoreRecordsThanThePublisherSendsAgain() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        // The publisher sends at most its batch (200 events) again; here 1,000 other votes come in between.
        for (int i = 0; i < 1_000; i++) {
            vote("m1", "x" + i, VoteChoice.DISAGREE);
        }
        vote("m1", "d1", VoteChoice.AGREE);

        assertThat(projection.liveCounts("m1")).isEqualTo(new MotionProjection.LiveCounts(1, 1_000, 0));
    }

    @Test
    void aMotionKeepsOneCounterPerPartitionHoweverManyVote() {
        openMotion("m1");
        for (int i = 0; i < 2_000; i++) {
            vote("m1", "d" + i, VoteChoice.AGREE);
        }

        assertThat(projection.tallyCollection("m1").countDocuments()).isLessThanOrEqualTo(PARTITIONS);
        assertThat(tally("m1").agree()).isEqualTo(2_000);
        // and each stays bounded: the members it remembers are at most the window
        projection
                .tallyCollection("m1")
                .find()
                .forEach(counter -> assertThat(counter.getList("recent", String.class))
                        .hasSizeLessThanOrEqualTo(MongoViewStore.DEFAULT_DUPLICATE_WINDOW));
    }

    @Test
    void aBatchWritesItsVotesAtItsEndAndOnlyThenReportsTheChange() {
        MongoViewStore store = new MongoViewStore(database);
        projection = new MotionProjection(database, store, changes);
        openMotion("m1");
        changes.changes.clear();

        store.beginBatch();
        for (int i = 0; i < 500; i++) {
            vote("m1", "d" + i, VoteChoice.values()[i % 3]);
        }
        assertThat(projection.liveCounts("m1").voted()).isZero();
        assertThat(changes.changes).isEmpty();
        store.writeBatch();

        assertThat(projection.liveCounts("m1")).isEqualTo(new MotionProjection.LiveCounts(167, 167, 166));
        assertThat(changes.changes).containsExactly("tally:c1/m1");
    }

    @Test
    void theReadSideKeepsWhoVotedButNotHow() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.DISAGREE);

        for (Document counter : projection.tallyCollection("m1").find()) {
            assertThat(counter.keySet())
                    .isSubsetOf(Set.of("_id", "partition", "offset", "recent", "agree", "disagree", "abstain"));
            assertThat(counter.getList("recent", String.class)).isSubsetOf("d1", "d2");
        }
    }

    @Test
    void motionStatusFollowsOpenAndCloseAndIgnoresAnOldEventDeliveredAgain() {
        openMotion("m1");
        projection.on(
                new MotionClosedEvent("m1", "c1", DecisionRule.MAJORITY_OF_SUMMONED, 5, 4, 2, 1, 1, 5, 3, false), 2);
        assertThat(tally("m1").status()).isEqualTo(MotionStatus.CLOSED);

        projection.on(new MotionOpenedEvent("m1", "c1"), 1);

        assertThat(tally("m1").status()).isEqualTo(MotionStatus.CLOSED);
    }

    @Test
    void aCloseArrivingWhileTheOpenIsMissingIsRefused() {
        projection.on(new MotionCreatedEvent("m1", "c1", "Motion"), 0, T0);

        assertThatThrownBy(() -> projection.on(
                        new MotionClosedEvent(
                                "m1", "c1", DecisionRule.MAJORITY_OF_SUMMONED, 5, 4, 2, 1, 1, 5, 3, false),
                        2))
                .isInstanceOf(OutOfSequence.class);
        assertThat(tally("m1").status()).isEqualTo(MotionStatus.CREATED);
    }

    @Test
    void talliesOfACongressAreListedInAgendaOrder() {
        projection.on(new MotionCreatedEvent("m-b", "c1", "First"), 0, T0);
        projection.on(new MotionCreatedEvent("m-a", "c1", "Second"), 0, T0.plusSeconds(60));
        projection.on(new MotionCreatedEvent("m-x", "c2", "Other congress"), 0, T0);
        vote("m-a", "d1", VoteChoice.AGREE);

        List<MotionTallyResponse> tallies = projection.handle(new FetchMotionTalliesQuery("c1"));

        assertThat(tallies).extracting(MotionTallyResponse::title).containsExactly("First", "Second");
        assertThat(tallies.get(1).agree()).isEqualTo(1);
        assertThat(tallies.get(0).status()).isEqualTo(MotionStatus.CREATED);
    }

    @Test
    void votesArrivingBeforeTheMotionIsKnownAreKeptAndShownOnceItIs() {
        vote("m1", "d1", VoteChoice.AGREE);
        assertThat(projection.handle(new FetchTallyQuery("m1"))).isEmpty();

        openMotion("m1");

        assertThat(tally("m1").agree()).isEqualTo(1);
    }

    @Test
    void unknownMotionHasNoTally() {
        assertThat(projection.handle(new FetchTallyQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchMotionTalliesQuery("nope"))).isEmpty();
    }

    @Test
    void appliedChangesAreReportedAndRepeatsAreNot() {
        openMotion("m1");
        changes.changes.clear();
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d1", VoteChoice.AGREE);

        assertThat(changes.changes).containsExactly("tally:c1/m1");
    }

    private void openMotion(String motionId) {
        projection.on(new MotionCreatedEvent(motionId, "c1", "Motion " + motionId), 0, T0);
        projection.on(new MotionOpenedEvent(motionId, "c1"), 1);
    }

    /** Delivers a vote at the next position of its partition; returns that position. */
    private StreamPosition vote(String motionId, String delegateId, VoteChoice choice) {
        StreamPosition at = topic.next(VoteId.of(motionId, delegateId));
        deliver(motionId, delegateId, choice, at);
        return at;
    }

    private void deliver(String motionId, String delegateId, VoteChoice choice, StreamPosition at) {
        projection.on(voteEvent(motionId, delegateId, choice), at.partition(), at.offset());
    }

    private static VoteCastEvent voteEvent(String motionId, String delegateId, VoteChoice choice) {
        return new VoteCastEvent(
                VoteId.of(motionId, delegateId), motionId, "c1", delegateId, choice, "req-" + delegateId);
    }

    private MotionTallyResponse tally(String motionId) {
        return projection.handle(new FetchTallyQuery(motionId)).orElseThrow();
    }
}
