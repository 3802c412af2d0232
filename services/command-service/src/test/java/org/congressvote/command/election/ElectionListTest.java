package org.congressvote.command.election;

import static org.congressvote.command.Violations.violationOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.election.ApplyMotionResultCommand;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CandidateWithdrawnEvent;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.ListProposedEvent;
import org.congressvote.api.election.NewNamesAdmittedEvent;
import org.congressvote.api.election.NewNamesProposedEvent;
import org.congressvote.api.election.NominateCandidateCommand;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.ProposalRejectedEvent;
import org.congressvote.api.election.ProposeListCommand;
import org.congressvote.api.election.ProposeNewNamesCommand;
import org.congressvote.api.election.ProposeSeatsCommand;
import org.congressvote.api.election.RequestWithdrawalCommand;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.StartRoundCommand;
import org.congressvote.api.election.WithdrawalRequestedEvent;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nominations and the candidate list (regulation 244-QĐ/TW and guidance 32-HD/TW; docs/domain.md): the congress votes the seats
 * (where it decides them) and the surplus, withdrawals and the list, by show of hands; the first round opens only on
 * the approved list.
 */
class ElectionListTest {

    private static final DecisionRule CHARTER = DecisionRule.MAJORITY_OF_SUMMONED;
    private static final ElectionCreatedEvent COMMITTEE =
            new ElectionCreatedEvent("bch", "c", "Ban Chấp hành", 0, CHARTER, ElectionProcedure.SEATS_VOTED);
    private static final ElectionCreatedEvent DELEGATION =
            new ElectionCreatedEvent("dbtp", "c", "Đoàn đại biểu", 12, CHARTER, ElectionProcedure.SEATS_ALLOCATED);
    private static final SeatsProposedEvent SEATS_PROPOSED = new SeatsProposedEvent("bch", "c", "m-seats", 33, 4);
    private static final SeatsDecidedEvent SEATS_DECIDED = new SeatsDecidedEvent("bch", "c", "m-seats", 33, 4);

    private FixtureConfiguration<Election> fixture;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Election.class);
        gate = new FakeVotingGate().congress("c").roster("D001", "D002", "D003").seats(245, 240);
        fixture.registerInjectableResource(gate);
    }

    private static CandidateNominatedEvent nominated(String id) {
        return new CandidateNominatedEvent("bch", "c", id, "Người " + id, NominationKind.PRESIDIUM, null, false, "x");
    }

    /** The committee's 33 seats, and {@code names} nominees N1..Nn. */
    private static List<Object> seatsDecidedAnd(int names) {
        List<Object> given = new ArrayList<>(List.of(COMMITTEE, SEATS_PROPOSED, SEATS_DECIDED));
        IntStream.rangeClosed(1, names).forEach(i -> given.add(nominated("N" + i)));
        return given;
    }

    private static List<String> ids(int names) {
        return IntStream.rangeClosed(1, names).mapToObj(i -> "N" + i).toList();
    }

    private static List<Candidate> candidates(int names) {
        return IntStream.rangeClosed(1, names)
                .mapToObj(i -> new Candidate("N" + i, "Người N" + i))
                .toList();
    }

    @Test
    void electionWhoseSeatsTheCongressVotesIsCreatedWithoutSeats() {
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("bch", "c", "Ban Chấp hành", 0, null, ElectionProcedure.SEATS_VOTED))
                .expectEvents(COMMITTEE);
        fixture.givenNoPriorActivity()
                .when(new CreateElectionCommand("bch", "c", "Ban Chấp hành", 33, null, ElectionProcedure.SEATS_VOTED))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void delegateNominatesThemselves() {
        fixture.given(COMMITTEE)
                .when(new NominateCandidateCommand("bch", "D001", "Lê Văn An", NominationKind.SELF, "D001", null))
                .expectEvents(new CandidateNominatedEvent(
                        "bch", "c", "D001", "Lê Văn An", NominationKind.SELF, "D001", true, null));
    }

    @Test
    void selfNominationIsMadeByTheNomineeThemselves() {
        fixture.given(COMMITTEE)
                .when(new NominateCandidateCommand("bch", "D002", "Phạm Bình", NominationKind.SELF, "D001", null))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void memberWhoIsNotADelegateIsNominatedWithTheirConsentRecorded() {
        fixture.given(COMMITTEE)
                .when(new NominateCandidateCommand(
                        "bch", "M501", "Trần Cường", NominationKind.DELEGATE, "D001", " đơn đồng ý ngày 1/12 "))
                .expectEvents(new CandidateNominatedEvent(
                        "bch",
                        "c",
                        "M501",
                        "Trần Cường",
                        NominationKind.DELEGATE,
                        "D001",
                        false,
                        "đơn đồng ý ngày 1/12"));
    }

    @Test
    void nomineeWhoIsNotADelegateWithoutConsentIsRefused() {
        fixture.given(COMMITTEE)
                .when(new NominateCandidateCommand("bch", "M501", "Trần Cường", NominationKind.DELEGATE, "D001", " "))
                .expectException(violationOf(ErrorCode.CONSENT_MISSING))
                .expectNoEvents();
    }

    @Test
    void onlyADelegateOfTheCongressNominates() {
        fixture.given(COMMITTEE)
                .when(new NominateCandidateCommand("bch", "D002", "Phạm Bình", NominationKind.DELEGATE, "X9", null))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_REGISTERED))
                .expectNoEvents();
    }

    @Test
    void nomineeIsNominatedOnce() {
        fixture.given(COMMITTEE, nominated("D002"))
                .when(new NominateCandidateCommand("bch", "D002", "Phạm Bình", NominationKind.DELEGATE, "D001", null))
                .expectException(violationOf(ErrorCode.ALREADY_NOMINATED))
                .expectNoEvents();
    }

    @Test
    void electionWithAListGivenBySecretariatTakesNoNominations() {
        fixture.given(new ElectionCreatedEvent("e", "c", "Bầu", 3, CHARTER))
                .when(new NominateCandidateCommand("e", "D001", "Lê Văn An", NominationKind.SELF, "D001", null))
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectNoEvents();
    }

    @Test
    void congressVotesTheSeatsAndTheSurplus() {
        fixture.given(COMMITTEE)
                .when(new ProposeSeatsCommand("bch", "m-seats", 33, 4))
                .expectEvents(SEATS_PROPOSED)
                .expectResultMessagePayload(
                        new Election.ProposalMotion("c", "Ban Chấp hành: số lượng 33, số dư 4", null));
        fixture.given(COMMITTEE, SEATS_PROPOSED)
                .when(new ApplyMotionResultCommand("bch", "m-seats", true))
                .expectEvents(SEATS_DECIDED);
    }

    @Test
    void seatsAllocatedByTheLevelAboveAreNotVotedOnlyTheSurplus() {
        fixture.given(DELEGATION)
                .when(new ProposeSeatsCommand("dbtp", "m-d", 14, 2))
                .expectException(violationOf(ErrorCode.SEATS_ALLOCATED))
                .expectNoEvents();
        fixture.given(DELEGATION)
                .when(new ProposeSeatsCommand("dbtp", "m-d", 0, 2))
                .expectEvents(new SeatsProposedEvent("dbtp", "c", "m-d", 12, 2));
    }

    @Test
    void surplusOfMoreThan30PercentOfTheSeatsIsRefusedWithTheFigures() {
        // 30 % of 33 is 9.9: a surplus of 9 (42 names) is the most.
        fixture.given(COMMITTEE)
                .when(new ProposeSeatsCommand("bch", "m-seats", 33, 9))
                .expectEvents(new SeatsProposedEvent("bch", "c", "m-seats", 33, 9));
        fixture.given(COMMITTEE)
                .when(new ProposeSeatsCommand("bch", "m-seats", 33, 10))
                .expectException(violationOf(
                        ErrorCode.LIST_TOO_LONG,
                        Map.of("seats", 33L, "surplus", 10L, "maxSurplus", 9L, "maxListed", 42L)))
                .expectNoEvents();
    }

    @Test
    void listLongerThanTheSeatsPlusTheDecidedSurplusIsRefusedWithTheFigures() {
        fixture.given(seatsDecidedAnd(38))
                .when(new ProposeListCommand("bch", "m-list", ids(38)))
                .expectException(violationOf(
                        ErrorCode.LIST_TOO_LONG, Map.of("listed", 38L, "seats", 33L, "surplus", 4L, "maxListed", 37L)))
                .expectNoEvents();
    }

    @Test
    void listOf37NamesFor33SeatsWithASurplusOf4IsPutToTheCongress() {
        fixture.given(seatsDecidedAnd(38))
                .when(new ProposeListCommand("bch", "m-list", ids(37)))
                .expectEvents(new ListProposedEvent("bch", "c", "m-list", candidates(37)));
    }

    @Test
    void listIsProposedOnlyAfterTheCongressDecidedTheSeats() {
        fixture.given(COMMITTEE, nominated("N1"))
                .when(new ProposeListCommand("bch", "m-list", List.of("N1")))
                .expectException(violationOf(ErrorCode.SEATS_NOT_DECIDED))
                .expectNoEvents();
    }

    @Test
    void listNamesOnlyNominees() {
        fixture.given(seatsDecidedAnd(3))
                .when(new ProposeListCommand("bch", "m-list", List.of("N1", "N7")))
                .expectException(violationOf(ErrorCode.NOT_NOMINATED))
                .expectNoEvents();
    }

    @Test
    void proposalWaitsForTheCongressVoteOnThePendingOne() {
        gate.motion("m-seats", "c", true);
        fixture.given(COMMITTEE, SEATS_PROPOSED)
                .when(new ProposeSeatsCommand("bch", "m-seats-2", 35, 4))
                .expectException(violationOf(ErrorCode.PROPOSAL_PENDING))
                .expectNoEvents();
    }

    @Test
    void proposalWhoseMotionWasNeverCreatedDoesNotBlockTheNext() {
        fixture.given(COMMITTEE, SEATS_PROPOSED)
                .when(new ProposeSeatsCommand("bch", "m-seats-2", 35, 4))
                .expectEvents(new SeatsProposedEvent("bch", "c", "m-seats-2", 35, 4));
    }

    @Test
    void rejectedMotionChangesNothing() {
        fixture.given(COMMITTEE, SEATS_PROPOSED)
                .when(new ApplyMotionResultCommand("bch", "m-seats", false))
                .expectEvents(new ProposalRejectedEvent("bch", "c", "m-seats"));
        fixture.given(COMMITTEE, SEATS_PROPOSED, new ProposalRejectedEvent("bch", "c", "m-seats"), nominated("N1"))
                .when(new ProposeListCommand("bch", "m-list", List.of("N1")))
                .expectException(violationOf(ErrorCode.SEATS_NOT_DECIDED))
                .expectNoEvents();
    }

    @Test
    void resultOfAMotionThatDecidesNoPendingProposalIsIgnored() {
        fixture.given(COMMITTEE, SEATS_PROPOSED)
                .when(new ApplyMotionResultCommand("bch", "another", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void adoptedWithdrawalTakesTheNameOffTheList() {
        List<Object> given = seatsDecidedAnd(3);
        fixture.given(given)
                .when(new RequestWithdrawalCommand("bch", "m-rut", "N2", "lý do sức khỏe"))
                .expectEvents(new WithdrawalRequestedEvent("bch", "c", "m-rut", "N2", "lý do sức khỏe"));
        given.add(new WithdrawalRequestedEvent("bch", "c", "m-rut", "N2", "lý do sức khỏe"));
        fixture.given(given)
                .when(new ApplyMotionResultCommand("bch", "m-rut", true))
                .expectEvents(new CandidateWithdrawnEvent("bch", "c", "m-rut", "N2"));
        given.add(new CandidateWithdrawnEvent("bch", "c", "m-rut", "N2"));
        fixture.given(given)
                .when(new ProposeListCommand("bch", "m-list", List.of("N1", "N2", "N3")))
                .expectException(violationOf(ErrorCode.NOT_NOMINATED))
                .expectNoEvents();
    }

    @Test
    void withdrawalNotAdoptedKeepsTheNominee() {
        List<Object> given = seatsDecidedAnd(3);
        given.add(new WithdrawalRequestedEvent("bch", "c", "m-rut", "N2", null));
        given.add(new ProposalRejectedEvent("bch", "c", "m-rut"));
        fixture.given(given)
                .when(new ProposeListCommand("bch", "m-list", List.of("N1", "N2", "N3")))
                .expectEvents(new ListProposedEvent("bch", "c", "m-list", candidates(3)));
    }

    @Test
    void roundOpensOnlyOnAnApprovedList() {
        List<Object> given = seatsDecidedAnd(37);
        given.add(new ListProposedEvent("bch", "c", "m-list", candidates(37)));
        fixture.given(given)
                .when(new StartRoundCommand("bch", null))
                .expectException(violationOf(ErrorCode.LIST_NOT_APPROVED))
                .expectNoEvents();
    }

    @Test
    void firstRoundIsTheListTheCongressApproved() {
        List<Object> given = seatsDecidedAnd(37);
        given.add(new ListProposedEvent("bch", "c", "m-list", candidates(37)));
        fixture.given(given)
                .when(new ApplyMotionResultCommand("bch", "m-list", true))
                .expectEvents(new CandidateListApprovedEvent("bch", "c", "m-list", candidates(37)));
        given.add(new CandidateListApprovedEvent("bch", "c", "m-list", candidates(37)));
        fixture.given(given)
                .when(new StartRoundCommand("bch", null))
                .expectEvents(new RoundStartedEvent("bch", "c", "bch-r1", 1, 33, candidates(37)));
        fixture.given(given)
                .when(new StartRoundCommand("bch", candidates(36)))
                .expectException(violationOf(ErrorCode.LIST_NOT_APPROVED))
                .expectNoEvents();
    }

    @Test
    void approvedListClosesNominations() {
        List<Object> given = seatsDecidedAnd(3);
        given.add(new CandidateListApprovedEvent("bch", "c", "m-list", candidates(3)));
        fixture.given(given)
                .when(new NominateCandidateCommand("bch", "D003", "Võ Dung", NominationKind.SELF, "D003", null))
                .expectException(violationOf(ErrorCode.ELECTION_STATE))
                .expectNoEvents();
    }

    /** 4 seats, the approved list N1..N5; round 1 elected N1 and N2, 2 seats remain. */
    private static List<Object> afterRound1() {
        List<Object> given = new ArrayList<>(List.of(
                COMMITTEE,
                new SeatsProposedEvent("bch", "c", "m-seats", 4, 1),
                new SeatsDecidedEvent("bch", "c", "m-seats", 4, 1)));
        IntStream.rangeClosed(1, 5).forEach(i -> given.add(nominated("N" + i)));
        given.add(new CandidateListApprovedEvent("bch", "c", "m-list", candidates(5)));
        given.add(new RoundStartedEvent("bch", "c", "bch-r1", 1, 4, candidates(5)));
        given.add(new RoundOpenedEvent("bch", "c", "bch-r1", 1));
        given.add(new RoundClosedEvent(
                "bch",
                "c",
                "bch-r1",
                1,
                4,
                CHARTER,
                9,
                9,
                9,
                9,
                9,
                0,
                9,
                5,
                List.of(),
                List.of("N1", "N2"),
                List.of(),
                2,
                List.of()));
        return given;
    }

    @Test
    void laterRoundListsTheApprovedListsCandidatesNotYetElected() {
        fixture.given(afterRound1())
                .when(new StartRoundCommand("bch", null))
                .expectEvents(new RoundStartedEvent(
                        "bch", "c", "bch-r2", 2, 2, candidates(5).subList(2, 5)));
    }

    @Test
    void newNameInALaterRoundNeedsTheCongressDecision() {
        fixture.given(afterRound1())
                .when(new StartRoundCommand(
                        "bch", List.of(new Candidate("N3", "Người N3"), new Candidate("X", "Xuân"))))
                .expectException(violationOf(ErrorCode.NEW_NAMES_NOT_DECIDED))
                .expectNoEvents();
    }

    @Test
    void namesTheCongressAddsByShowOfHandsAreRecordedWithTheRound() {
        List<Object> given = afterRound1();
        List<Candidate> x = List.of(new Candidate("X", "Xuân"));
        fixture.given(given)
                .when(new ProposeNewNamesCommand("bch", "m-x", x))
                .expectEvents(new NewNamesProposedEvent("bch", "c", "m-x", 2, x));
        given.add(new NewNamesProposedEvent("bch", "c", "m-x", 2, x));
        fixture.given(given)
                .when(new ApplyMotionResultCommand("bch", "m-x", true))
                .expectEvents(new NewNamesAdmittedEvent("bch", "c", "m-x", 2, x));
        given.add(new NewNamesAdmittedEvent("bch", "c", "m-x", 2, x));
        List<Candidate> round2 = new ArrayList<>(candidates(5).subList(2, 5));
        round2.add(new Candidate("X", "Xuân"));
        fixture.given(given)
                .when(new StartRoundCommand("bch", null))
                .expectEvents(new RoundStartedEvent("bch", "c", "bch-r2", 2, 2, round2, "m-x"));
    }

    @Test
    void someoneElectedIsNeitherRelistedNorAddedAsANewName() {
        fixture.given(afterRound1())
                .when(new StartRoundCommand("bch", List.of(new Candidate("N1", "Người N1"), new Candidate("N3", "N3"))))
                .expectException(violationOf(ErrorCode.CANDIDATE_ALREADY_ELECTED))
                .expectNoEvents();
        fixture.given(afterRound1())
                .when(new ProposeNewNamesCommand("bch", "m-x", List.of(new Candidate("N2", "Người N2"))))
                .expectException(violationOf(ErrorCode.CANDIDATE_ALREADY_ELECTED))
                .expectNoEvents();
    }
}
