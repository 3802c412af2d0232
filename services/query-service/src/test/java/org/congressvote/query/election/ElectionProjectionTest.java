package org.congressvote.query.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.CandidateWithdrawnEvent;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.FetchReceiptQuery;
import org.congressvote.api.election.ListProposedEvent;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.ProposalRejectedEvent;
import org.congressvote.api.election.PublishedBallot;
import org.congressvote.api.election.PublishedBallotsResponse;
import org.congressvote.api.election.ReceiptResponse;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.RoundStatus;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.WithdrawalRequestedEvent;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.query.store.MongoViewStore;
import org.congressvote.query.store.OutOfSequence;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.support.InMemoryMongo;
import org.congressvote.query.support.RecordingChangeListener;
import org.congressvote.query.support.TopicPositions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElectionProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("k1", "Nguyễn Văn An"),
            new Candidate("k2", "Trần Thị Bình"),
            new Candidate("k3", "Lê Văn Cường"));

    private MongoDatabase database;
    private RecordingChangeListener changes;
    private ElectionProjection projection;
    private final TopicPositions topic = new TopicPositions(4);

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        changes = new RecordingChangeListener();
        projection = new ElectionProjection(database, new MongoViewStore(database), changes);
    }

    @Test
    void aRoundIsStartedOpenedAndClosedAndShowsItsCandidates() {
        create("e1", 2);
        projection.on(new RoundStartedEvent("e1", "c1", "e1-r1", 1, 2, CANDIDATES), 1);
        assertThat(round("e1", 0).status()).isEqualTo(RoundStatus.STARTED);
        assertThat(round("e1", 0).candidates()).isEqualTo(CANDIDATES);

        projection.on(new RoundOpenedEvent("e1", "c1", "e1-r1", 1), 2);
        assertThat(round("e1", 0).status()).isEqualTo(RoundStatus.OPEN);

        projection.on(closed("e1", 1, 2, List.of("k1", "k2"), List.of()), 3);
        assertThat(round("e1", 0).status()).isEqualTo(RoundStatus.CLOSED);
        assertThat(election("e1").seatsFilled()).isEqualTo(2);
    }

    @Test
    void seatsTheCongressVotedAreTheElectionsSeats() {
        create("e1", 0);
        // The proposal is not shown; it only takes its place in the election's sequence.
        projection.on(new GenericDomainEventMessage<>(
                ElectionProjection.AGGREGATE_TYPE, "e1", 1, new SeatsProposedEvent("e1", "c1", "m", 33, 4)));
        projection.on(new SeatsDecidedEvent("e1", "c1", "m", 33, 4), 2);
        assertThat(election("e1").seats()).isEqualTo(33);
    }

    @Test
    void nomineesTheCongressDecisionsAndTheApprovedListAreShown() {
        projection.on(
                new ElectionCreatedEvent(
                        "e1",
                        "c1",
                        "Executive committee",
                        0,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        ElectionProcedure.SEATS_VOTED),
                0,
                T0);
        projection.on(
                new CandidateNominatedEvent("e1", "c1", "k1", "Nguyễn Văn An", NominationKind.SELF, "k1", true, null),
                1);
        projection.on(
                new CandidateNominatedEvent(
                        "e1", "c1", "m1", "Trần Thị Bình", NominationKind.DELEGATE, "k1", false, "đơn ngày 2/12"),
                2);
        projection.on(
                new CandidateNominatedEvent(
                        "e1", "c1", "k3", "Lê Văn Cường", NominationKind.PRESIDIUM, null, true, null),
                3);
        projection.on(new SeatsProposedEvent("e1", "c1", "m-seats", 2, 1), 4);
        ElectionResponse.Nominations pending = election("e1").nominations();
        assertThat(pending.seatsDecided()).isFalse();
        assertThat(pending.proposals())
                .extracting(ElectionResponse.Proposal::outcome)
                .containsExactly(ElectionResponse.ProposalOutcome.PENDING);

        projection.on(new SeatsDecidedEvent("e1", "c1", "m-seats", 2, 1), 5);
        projection.on(new WithdrawalRequestedEvent("e1", "c1", "m-w1", "k3", "sức khỏe"), 6);
        projection.on(new ProposalRejectedEvent("e1", "c1", "m-w1"), 7);
        projection.on(new WithdrawalRequestedEvent("e1", "c1", "m-w2", "k3", "sức khỏe"), 8);
        projection.on(new CandidateWithdrawnEvent("e1", "c1", "m-w2", "k3"), 9);
        List<Candidate> list = List.of(new Candidate("m1", "Trần Thị Bình"), new Candidate("k1", "Nguyễn Văn An"));
        projection.on(new ListProposedEvent("e1", "c1", "m-list", list), 10);
        projection.on(new CandidateListApprovedEvent("e1", "c1", "m-list", list), 11);

        ElectionResponse election = election("e1");
        assertThat(election.seats()).isEqualTo(2);
        ElectionResponse.Nominations n = election.nominations();
        assertThat(n.procedure()).isEqualTo(ElectionProcedure.SEATS_VOTED);
        assertThat(n.seatsDecided()).isTrue();
        assertThat(n.surplus()).isEqualTo(1);
        assertThat(n.nominees())
                .extracting(
                        ElectionResponse.Nominee::candidateId,
                        ElectionResponse.Nominee::kind,
                        ElectionResponse.Nominee::consentRecorded,
                        ElectionResponse.Nominee::withdrawn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k1", NominationKind.SELF, false, false),
                        org.assertj.core.groups.Tuple.tuple("m1", NominationKind.DELEGATE, true, false),
                        org.assertj.core.groups.Tuple.tuple("k3", NominationKind.PRESIDIUM, false, true));
        assertThat(n.proposals())
                .extracting(ElectionResponse.Proposal::kind, ElectionResponse.Proposal::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ElectionResponse.ProposalKind.SEATS, ElectionResponse.ProposalOutcome.ADOPTED),
                        org.assertj.core.groups.Tuple.tuple(
                                ElectionResponse.ProposalKind.WITHDRAWAL, ElectionResponse.ProposalOutcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple(
                                ElectionResponse.ProposalKind.WITHDRAWAL, ElectionResponse.ProposalOutcome.ADOPTED),
                        org.assertj.core.groups.Tuple.tuple(
                                ElectionResponse.ProposalKind.LIST, ElectionResponse.ProposalOutcome.ADOPTED));
        assertThat(n.proposals().get(0).surplus()).isEqualTo(1);
        assertThat(n.approvedList()).isEqualTo(list);
    }

    @Test
    void anElectionWithAGivenListShowsNoNominations() {
        create("e1", 2);
        ElectionResponse.Nominations n = election("e1").nominations();
        assertThat(n.procedure()).isEqualTo(ElectionProcedure.LIST_GIVEN);
        assertThat(n.nominees()).isEmpty();
        assertThat(n.approvedList()).isNull();
    }

    @Test
    void whileARoundIsOpenItShowsTheTurnoutAndNothingElse() {
        openRound("e1", 1);
        ballot("e1-r1", "d1");
        ballot("e1-r1", "d2");

        ElectionResponse.Round round = round("e1", 0);
        assertThat(round.turnout()).isEqualTo(2);
        assertThat(round.result()).isNull();
        PublishedBallotsResponse ballots =
                projection.handle(new FetchPublishedBallotsQuery("e1", 1)).orElseThrow();
        assertThat(ballots.status()).isEqualTo(RoundStatus.OPEN);
        assertThat(ballots.ballots()).isEmpty();
    }

    @Test
    void aBallotReturnedTwiceCountsOnceInTheTurnout() {
        openRound("e1", 1);
        changes.changes.clear();
        ballot("e1-r1", "d1");
        ballot("e1-r1", "d1");

        assertThat(round("e1", 0).turnout()).isEqualTo(1);
        assertThat(changes.changes).containsExactly("election:c1/e1");
    }

    @Test
    void theReadSideKeepsNoNameOfThoseWhoReturnedABallot() {
        openRound("e1", 1);
        ballot("e1-r1", "delegate-0042");

        for (String name : database.listCollectionNames()) {
            for (Document document : database.getCollection(name).find()) {
                assertThat(document.toJson()).as(name).doesNotContain("delegate-0042");
            }
        }
    }

    @Test
    void aClosedRoundShowsItsCountAndPublishesItsBallotsInTheOrderOfTheClose() {
        openRound("e1", 1);
        ballot("e1-r1", "d1");
        ballot("e1-r1", "d2");
        ballot("e1-r1", "d3");
        projection.on(closed("e1", 1, 2, List.of("k1"), List.of()), 3);

        ElectionResponse.Round round = round("e1", 0);
        assertThat(round.turnout()).isEqualTo(3);
        assertThat(round.result().returned()).isEqualTo(3);
        assertThat(round.result().valid()).isEqualTo(2);
        assertThat(round.result().invalid()).isEqualTo(1);
        assertThat(round.result().threshold()).isEqualTo(2);
        assertThat(round.result().base()).isEqualTo(DecisionRule.Base.SUMMONED);
        assertThat(round.result().results())
                .extracting(CandidateResult::candidateId)
                .containsExactly("k1", "k2", "k3");
        assertThat(round.result().elected()).containsExactly("k1");

        PublishedBallotsResponse ballots =
                projection.handle(new FetchPublishedBallotsQuery("e1", 1)).orElseThrow();
        assertThat(ballots.status()).isEqualTo(RoundStatus.CLOSED);
        assertThat(ballots.ballots()).extracting(PublishedBallot::receiptHash).containsExactly("h-b", "h-a", "h-c");
        assertThat(ballots.ballots().get(0).kept()).containsExactly(CANDIDATES.get(0), CANDIDATES.get(1));
        assertThat(ballots.ballots().get(2).valid()).isFalse();
    }

    @Test
    void aReceiptFindsItsBallotOnceTheRoundIsClosed() {
        openRound("e1", 1);
        assertThat(receipt("e1-r1", "h-a")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(RoundStatus.OPEN);
            assertThat(r.found()).isFalse();
        });
        projection.on(closed("e1", 1, 2, List.of("k1"), List.of()), 3);

        ReceiptResponse found = receipt("e1-r1", "h-a");
        assertThat(found.found()).isTrue();
        assertThat(found.ballot().kept()).containsExactly(CANDIDATES.get(0));
        assertThat(found.electionId()).isEqualTo("e1");
        assertThat(found.round()).isEqualTo(1);
        assertThat(receipt("e1-r1", "h-unknown").found()).isFalse();
        assertThat(projection.handle(new FetchReceiptQuery("no-round", "h-a"))).isEmpty();
    }

    @Test
    void aReceiptOfASealedRoundSaysTheBallotWasCountedAndNeverWhatItSaid() {
        openRound("e1", 1);
        projection.on(
                new BallotBoxOpenedEvent(
                        "e1", "c1", "e1-r1", 1, List.of("kp2", "kp3"), 2, List.of("r-1", "r-2", "r-3")),
                3);
        List<ReleasedBallot> sealedRelease = List.of(
                new ReleasedBallot(List.of("k1", "k2"), true, null),
                new ReleasedBallot(List.of("k1"), true, null),
                new ReleasedBallot(List.of("k1", "k2", "k3"), false, null));
        RoundClosedEvent c = closed("e1", 1, 2, List.of("k1"), List.of());
        projection.on(
                new RoundClosedEvent(
                        c.electionId(),
                        c.congressId(),
                        c.roundId(),
                        c.round(),
                        c.seats(),
                        c.rule(),
                        c.summoned(),
                        c.present(),
                        c.issued(),
                        c.returned(),
                        c.valid(),
                        c.invalid(),
                        c.baseCount(),
                        c.threshold(),
                        c.results(),
                        c.elected(),
                        c.tiedForLastSeat(),
                        c.seatsRemaining(),
                        sealedRelease),
                4);

        ReceiptResponse counted = receipt("e1-r1", "r-2");
        assertThat(counted.found()).isTrue();
        assertThat(counted.ballot()).isNull();
        assertThat(receipt("e1-r1", "r-unknown").found()).isFalse();
        assertThat(round("e1", 0).result().returned()).isEqualTo(3);
    }

    @Test
    void aSecondRoundIsItsOwnBallotAndItsOwnResult() {
        openRound("e1", 1);
        projection.on(closed("e1", 1, 2, List.of("k1"), List.of("k2", "k3")), 3);
        projection.on(new RoundStartedEvent("e1", "c1", "e1-r2", 2, 1, CANDIDATES.subList(1, 3)), 4);
        projection.on(new RoundOpenedEvent("e1", "c1", "e1-r2", 2), 5);
        ballot("e1-r2", "d1");

        ElectionResponse election = election("e1");
        assertThat(election.rounds()).hasSize(2);
        assertThat(election.rounds().get(0).result().tiedForLastSeat()).containsExactly("k2", "k3");
        assertThat(election.rounds().get(1).status()).isEqualTo(RoundStatus.OPEN);
        assertThat(election.rounds().get(1).turnout()).isEqualTo(1);
        assertThat(election.rounds().get(1).seats()).isEqualTo(1);
        assertThat(election.seatsFilled()).isEqualTo(1);
    }

    @Test
    void eventsDeliveredTwiceChangeNothing() {
        openRound("e1", 1);
        RoundClosedEvent close = closed("e1", 1, 2, List.of("k1", "k2"), List.of());
        projection.on(close, 3);
        projection.on(close, 3);
        projection.on(new RoundOpenedEvent("e1", "c1", "e1-r1", 1), 2);

        ElectionResponse election = election("e1");
        assertThat(election.seatsFilled()).isEqualTo(2);
        assertThat(election.rounds()).hasSize(1);
        assertThat(election.rounds().get(0).status()).isEqualTo(RoundStatus.CLOSED);
    }

    @Test
    void aCloseArrivingWhileTheOpenIsMissingIsRefused() {
        create("e1", 2);
        projection.on(new RoundStartedEvent("e1", "c1", "e1-r1", 1, 2, CANDIDATES), 1);

        assertThatThrownBy(() -> projection.on(closed("e1", 1, 2, List.of("k1"), List.of()), 3))
                .isInstanceOf(OutOfSequence.class);
        assertThat(round("e1", 0).status()).isEqualTo(RoundStatus.STARTED);
    }

    @Test
    void electionsOfACongressAreListedInTheOrderTheyWereCreated() {
        projection.on(
                new ElectionCreatedEvent("e-b", "c1", "Executive committee", 33, DecisionRule.MAJORITY_OF_SUMMONED),
                0,
                T0);
        projection.on(
                new ElectionCreatedEvent(
                        "e-a", "c1", "Delegates to the higher congress", 12, DecisionRule.MAJORITY_OF_SUMMONED),
                0,
                T0.plusSeconds(5));
        projection.on(new ElectionCreatedEvent("e-x", "c2", "Elsewhere", 1, DecisionRule.MAJORITY_OF_SUMMONED), 0, T0);

        assertThat(projection.handle(new FetchElectionsQuery("c1")))
                .extracting(ElectionResponse::electionId)
                .containsExactly("e-b", "e-a");
        assertThat(projection.handle(new FetchElectionQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchPublishedBallotsQuery("e-a", 1))).isEmpty();
    }

    @Test
    void aBodysRoundShowsItsOwnBaseAndADelegationItsAlternatesInRankOrder() {
        // The standing committee, elected by the executive committee's 33 members: its base is theirs.
        projection.on(
                new ElectionCreatedEvent(
                        "btv",
                        "c1",
                        "Bầu Ban Thường vụ",
                        3,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        ElectionProcedure.LIST_GIVEN,
                        0,
                        "bch",
                        "Ban Chấp hành",
                        null,
                        null),
                0,
                T0);
        projection.on(new RoundStartedEvent("btv", "c1", "btv-r1", 1, 3, CANDIDATES), 1);
        projection.on(
                new RoundClosedEvent(
                        "btv",
                        "c1",
                        "btv-r1",
                        1,
                        3,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        33,
                        31,
                        31,
                        31,
                        31,
                        0,
                        33,
                        17,
                        List.of(new CandidateResult("k1", "Nguyễn Văn An", 20, true, true)),
                        List.of("k1"),
                        List.of(),
                        2,
                        List.of(),
                        0,
                        List.of(),
                        1,
                        0,
                        0,
                        "bch",
                        "Ban Chấp hành"),
                2);
        ElectionResponse standing = election("btv");
        assertThat(standing.electorateElectionId()).isEqualTo("bch");
        assertThat(standing.electorateTitle()).isEqualTo("Ban Chấp hành");
        assertThat(standing.rounds().get(0).result().baseText())
                .isEqualTo("33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17");
        assertThat(standing.rounds().get(0).result().electorateTitle()).isEqualTo("Ban Chấp hành");

        // The delegation: 2 seats and 2 alternates; k3 and k4 are alternates 1 and 2, k5 and k6 tied in round 2.
        projection.on(
                new ElectionCreatedEvent(
                        "dbtp",
                        "c1",
                        "Bầu Đoàn đại biểu",
                        2,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        ElectionProcedure.SEATS_ALLOCATED,
                        3,
                        null,
                        null,
                        null,
                        null),
                0,
                T0);
        projection.on(new RoundStartedEvent("dbtp", "c1", "dbtp-r1", 1, 2, CANDIDATES, null, 3), 1);
        projection.on(
                new RoundClosedEvent(
                        "dbtp",
                        "c1",
                        "dbtp-r1",
                        1,
                        2,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        245,
                        240,
                        240,
                        240,
                        240,
                        0,
                        245,
                        123,
                        List.of(
                                new CandidateResult("k1", "Nguyễn Văn An", 200, true, true, 0),
                                new CandidateResult("k2", "Trần Thị Bình", 190, true, true, 0),
                                new CandidateResult("k3", "Lê Văn Cường", 180, true, false, 1),
                                new CandidateResult("k4", "Võ Thị Dung", 170, true, false, 2)),
                        List.of("k1", "k2"),
                        List.of(),
                        0,
                        List.of(),
                        3,
                        List.of("k3", "k4"),
                        1,
                        1,
                        0,
                        null,
                        null),
                2);
        ElectionResponse delegation = election("dbtp");
        assertThat(delegation.alternateSeats()).isEqualTo(3);
        assertThat(delegation.rounds().get(0).alternateSeats()).isEqualTo(3);
        assertThat(delegation.alternates())
                .extracting(a -> a.rank() + ". " + a.fullName())
                .containsExactly("1. Lê Văn Cường", "2. Võ Thị Dung");
        var result = delegation.rounds().get(0).result();
        assertThat(result.alternates()).extracting(a -> a.candidateId()).containsExactly("k3", "k4");
        assertThat(result.alternateSeatsRemaining()).isEqualTo(1);
        assertThat(result.baseText()).isEqualTo("245 đại biểu triệu tập, quá nửa là 123");
        assertThat(result.results()).extracting(r -> r.alternateRank()).containsExactly(0, 0, 1, 2);

        projection.on(new RoundStartedEvent("dbtp", "c1", "dbtp-r2", 2, 0, CANDIDATES, null, 1), 3);
        projection.on(
                new RoundClosedEvent(
                        "dbtp",
                        "c1",
                        "dbtp-r2",
                        2,
                        0,
                        DecisionRule.MAJORITY_OF_SUMMONED,
                        245,
                        240,
                        240,
                        240,
                        240,
                        0,
                        245,
                        123,
                        List.of(
                                new CandidateResult("k5", "Đỗ Văn Em", 150, true, false, 0),
                                new CandidateResult("k6", "Hà Văn Phúc", 150, true, false, 0)),
                        List.of(),
                        List.of("k5", "k6"),
                        0,
                        List.of(),
                        1,
                        List.of(),
                        3,
                        1,
                        1,
                        null,
                        null),
                4);
        var tie = election("dbtp").rounds().get(1).result();
        assertThat(tie.tiedForLastSeat()).containsExactly("k5", "k6");
        assertThat(tie.tiedAtPosition()).isEqualTo(1);
        assertThat(election("dbtp").alternates()).hasSize(2);
    }

    private void create(String electionId, int seats) {
        projection.on(
                new ElectionCreatedEvent(
                        electionId, "c1", "Executive committee", seats, DecisionRule.MAJORITY_OF_SUMMONED),
                0,
                T0);
    }

    private void openRound(String electionId, int seats) {
        create(electionId, 2);
        projection.on(new RoundStartedEvent(electionId, "c1", electionId + "-r1", 1, 2, CANDIDATES), 1);
        projection.on(new RoundOpenedEvent(electionId, "c1", electionId + "-r1", 1), 2);
    }

    private void ballot(String roundId, String delegateId) {
        String participation = "ballot:" + roundId + ":" + delegateId;
        StreamPosition at = topic.next(participation);
        projection.on(
                new BallotCastEvent(participation, "e1", roundId, "c1", delegateId, "hash-of-request"),
                at.partition(),
                at.offset());
    }

    /** Three ballots (the last one invalid: it keeps all three names for two seats), released in a shuffled order. */
    private static RoundClosedEvent closed(
            String electionId, int round, int seats, List<String> elected, List<String> tied) {
        List<ReleasedBallot> ballots = List.of(
                new ReleasedBallot(List.of("k1", "k2"), true, "h-b"),
                new ReleasedBallot(List.of("k1"), true, "h-a"),
                new ReleasedBallot(List.of("k1", "k2", "k3"), false, "h-c"));
        List<CandidateResult> results = List.of(
                new CandidateResult("k1", "Nguyễn Văn An", 2, true, true),
                new CandidateResult("k2", "Trần Thị Bình", 1, false, false),
                new CandidateResult("k3", "Lê Văn Cường", 0, false, false));
        return new RoundClosedEvent(
                electionId,
                "c1",
                electionId + "-r" + round,
                round,
                seats,
                DecisionRule.MAJORITY_OF_SUMMONED,
                3,
                3,
                3,
                3,
                2,
                1,
                3,
                2,
                results,
                elected,
                tied,
                seats - elected.size(),
                ballots);
    }

    private ElectionResponse election(String electionId) {
        return projection.handle(new FetchElectionQuery(electionId)).orElseThrow();
    }

    private ElectionResponse.Round round(String electionId, int index) {
        return election(electionId).rounds().get(index);
    }

    private ReceiptResponse receipt(String roundId, String hash) {
        return projection.handle(new FetchReceiptQuery(roundId, hash)).orElseThrow();
    }
}
