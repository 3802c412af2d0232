package org.congressvote.query.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.FetchVotesQuery;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.TallyResponse;
import org.congressvote.api.motion.VotesResponse.CastVote;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.api.vote.VoteId;
import org.congressvote.query.support.InMemoryMongo;
import org.congressvote.query.support.RecordingChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MotionProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

    private MongoDatabase database;
    private RecordingChangeListener changes;
    private MotionProjection projection;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        changes = new RecordingChangeListener();
        projection = new MotionProjection(database, changes, 64);
    }

    @Test
    void tallyCountsEachChoice() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.AGREE);
        vote("m1", "d3", VoteChoice.DISAGREE);
        vote("m1", "d4", VoteChoice.ABSTAIN);

        assertThat(tally("m1")).isEqualTo(new TallyResponse("m1", "c1", "Motion m1", MotionStatus.OPEN, 2, 1, 1, 4));
    }

    @Test
    void voteDeliveredTwiceIsCountedOnce() {
        openMotion("m1");
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d1", VoteChoice.AGREE);

        assertThat(tally("m1").agree()).isEqualTo(1);
        assertThat(tally("m1").voted()).isEqualTo(1);
    }

    @Test
    void voteReplayedAfterOtherVotesIsCountedOnce() {
        openMotion("m1");
        for (int i = 0; i < 300; i++) {
            vote("m1", "d" + i, VoteChoice.values()[i % 3]);
        }
        // Redelivery of the whole stream, as after a crash before the token was stored.
        for (int i = 0; i < 300; i++) {
            vote("m1", "d" + i, VoteChoice.values()[i % 3]);
        }

        assertThat(tally("m1")).isEqualTo(new TallyResponse("m1", "c1", "Motion m1", MotionStatus.OPEN,
                100, 100, 100, 300));
        assertThat(projection.handle(new FetchVotesQuery("m1")).orElseThrow().votes()).hasSize(300);
    }

    @Test
    void votesOfOneMotionStayInAtMostTheConfiguredNumberOfBuckets() {
        projection = new MotionProjection(database, changes, 8);
        openMotion("m1");
        for (int i = 0; i < 245; i++) {
            vote("m1", "d" + i, VoteChoice.AGREE);
        }

        // Eight buckets and the document that fixes the motion's bucket count.
        assertThat(projection.tallyCollection("m1").countDocuments()).isEqualTo(9);
        assertThat(tally("m1").agree()).isEqualTo(245);
    }

    @Test
    void bucketCountOfAMotionDoesNotChangeWithTheSettingSoRepeatsAreStillRecognised() {
        openMotion("m1");
        for (int i = 0; i < 50; i++) {
            vote("m1", "d" + i, VoteChoice.AGREE);
        }

        MotionProjection afterRestartWithOtherSetting = new MotionProjection(database, changes, 7);
        for (int i = 0; i < 50; i++) {
            afterRestartWithOtherSetting.on(voteEvent("m1", "d" + i, VoteChoice.AGREE));
        }

        assertThat(afterRestartWithOtherSetting.handle(new FetchTallyQuery("m1")).orElseThrow().agree()).isEqualTo(50);
    }

    @Test
    void votesListsWhoVotedHowOrderedByDelegate() {
        openMotion("m1");
        vote("m1", "d2", VoteChoice.DISAGREE);
        vote("m1", "d1", VoteChoice.AGREE);
        vote("m1", "d2", VoteChoice.DISAGREE);

        assertThat(projection.handle(new FetchVotesQuery("m1")).orElseThrow().votes()).containsExactly(
                new CastVote("d1", VoteChoice.AGREE), new CastVote("d2", VoteChoice.DISAGREE));
    }

    @Test
    void motionStatusFollowsOpenAndCloseAndIgnoresAnOldEventDeliveredAgain() {
        openMotion("m1");
        projection.on(new MotionClosedEvent("m1", "c1"), 2);
        assertThat(tally("m1").status()).isEqualTo(MotionStatus.CLOSED);

        projection.on(new MotionOpenedEvent("m1", "c1"), 1);

        assertThat(tally("m1").status()).isEqualTo(MotionStatus.CLOSED);
    }

    @Test
    void talliesOfACongressAreListedInAgendaOrder() {
        projection.on(new MotionCreatedEvent("m-b", "c1", "First"), 0, T0);
        projection.on(new MotionCreatedEvent("m-a", "c1", "Second"), 0, T0.plusSeconds(60));
        projection.on(new MotionCreatedEvent("m-x", "c2", "Other congress"), 0, T0);
        vote("m-a", "d1", VoteChoice.AGREE);

        List<TallyResponse> tallies = projection.handle(new FetchMotionTalliesQuery("c1"));

        assertThat(tallies).extracting(TallyResponse::title).containsExactly("First", "Second");
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
    void unknownMotionHasNoTallyAndNoVotes() {
        assertThat(projection.handle(new FetchTallyQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchVotesQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchMotionTalliesQuery("nope"))).isEmpty();
    }

    @Test
    void anyMotionIdMakesAValidTallyCollectionName() {
        assertThat(MotionProjection.tallyCollectionName("motion-42")).isEqualTo("tally.m.motion-42");
        String odd = MotionProjection.tallyCollectionName("$weird id/with.dots\u0000");
        assertThat(odd).startsWith("tally.h.").hasSize("tally.h.".length() + 32);
        database.getCollection(odd).insertOne(new org.bson.Document("_id", "x"));
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

    private void vote(String motionId, String delegateId, VoteChoice choice) {
        projection.on(voteEvent(motionId, delegateId, choice));
    }

    private static VoteCastEvent voteEvent(String motionId, String delegateId, VoteChoice choice) {
        return new VoteCastEvent(VoteId.of(motionId, delegateId), motionId, "c1", delegateId, choice,
                "req-" + delegateId);
    }

    private TallyResponse tally(String motionId) {
        return projection.handle(new FetchTallyQuery(motionId)).orElseThrow();
    }
}
