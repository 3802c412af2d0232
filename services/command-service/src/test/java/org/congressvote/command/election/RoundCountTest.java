package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.motion.DecisionRule;
import org.junit.jupiter.api.Test;

class RoundCountTest {

    private static final List<Candidate> FIVE = List.of(
            new Candidate("A", "Lê Văn A"),
            new Candidate("B", "Phạm Thị B"),
            new Candidate("C", "Trần Văn C"),
            new Candidate("D", "Võ Thị D"),
            new Candidate("E", "Đỗ Văn E"));

    @Test
    void ballotKeepingMoreNamesThanSeatsIsInvalid() {
        assertThat(RoundCount.isValid(List.of("A", "B", "C", "D"), 3, 5)).isFalse();
    }

    @Test
    void ballotKeepingNobodyOnAListLongerThanTheSeatsIsInvalid() {
        assertThat(RoundCount.isValid(List.of(), 3, 5)).isFalse();
    }

    @Test
    void ballotKeepingUpToTheSeatsIsValid() {
        assertThat(RoundCount.isValid(List.of("A"), 3, 5)).isTrue();
        assertThat(RoundCount.isValid(List.of("A", "B", "C"), 3, 5)).isTrue();
    }

    @Test
    void onAListNoLongerThanTheSeatsKeepingNobodyIsAValidDisagreeWithAll() {
        assertThat(RoundCount.isValid(List.of(), 3, 3)).isTrue();
        assertThat(RoundCount.isValid(List.of(), 3, 2)).isTrue();
    }

    @Test
    void invalidBallotsAreReturnedButNotCounted() {
        List<List<String>> ballots = List.of(List.of("A"), List.of(), List.of("A", "B", "C", "D"));
        RoundCount.Result result = RoundCount.count(FIVE, 3, DecisionRule.MAJORITY_OF_SUMMONED, 3, 3, ballots);
        assertThat(result.valid()).isEqualTo(1);
        assertThat(result.invalid()).isEqualTo(2);
        assertThat(result.results().get(0).votes()).isEqualTo(1);
        assertThat(result.results().stream()
                        .filter(r -> r.candidateId().equals("D"))
                        .findFirst()
                        .orElseThrow()
                        .votes())
                .isZero();
    }

    @Test
    void candidateNeedsMoreThanHalfOfTheSummonedNotOfThosePresent() {
        // 245 summoned, 200 present and voting: 122 votes is more than half of those present but not of those summoned.
        List<List<String>> ballots = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ballots.add(i < 123 ? List.of("A", "B") : i < 122 + 78 ? List.of("B") : List.of("C"));
        }
        ballots.set(0, List.of("B")); // A: 122 votes
        RoundCount.Result result = RoundCount.count(FIVE, 3, DecisionRule.MAJORITY_OF_SUMMONED, 245, 200, ballots);
        assertThat(result.threshold()).isEqualTo(123);
        CandidateResultView a = view(result, "A");
        assertThat(a.votes).isEqualTo(122);
        assertThat(a.elected).isFalse();
        assertThat(result.elected()).containsExactly("B");
        assertThat(result.seatsRemaining()).isEqualTo(2);
    }

    @Test
    void exactly123Of245Elects() {
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(123, List.of("A")));
        ballots.addAll(Collections.nCopies(100, List.of("B")));
        RoundCount.Result result = RoundCount.count(FIVE, 3, DecisionRule.MAJORITY_OF_SUMMONED, 245, 223, ballots);
        assertThat(result.elected()).containsExactly("A");
    }

    @Test
    void tieForTheLastSeatIsReportedNotDecided() {
        // 10 summoned, 2 seats; A 7 votes, B and C 6 each (all above the threshold of 6): A is elected, B and C are
        // tied for the last seat, which stays open for a further round.
        List<List<String>> ballots = new ArrayList<>();
        ballots.addAll(Collections.nCopies(3, List.of("A", "B")));
        ballots.addAll(Collections.nCopies(3, List.of("A", "C")));
        ballots.addAll(Collections.nCopies(3, List.of("B", "C")));
        ballots.add(List.of("A"));
        RoundCount.Result result = RoundCount.count(FIVE, 2, DecisionRule.MAJORITY_OF_SUMMONED, 10, 10, ballots);
        assertThat(result.threshold()).isEqualTo(6);
        assertThat(result.elected()).containsExactly("A");
        assertThat(result.tiedForLastSeat()).containsExactlyInAnyOrder("B", "C");
        assertThat(result.seatsRemaining()).isEqualTo(1);
    }

    @Test
    void resultsAreInOrderOfVotes() {
        List<List<String>> ballots = List.of(List.of("C"), List.of("C", "B"), List.of("C", "B", "E"));
        RoundCount.Result result = RoundCount.count(FIVE, 3, DecisionRule.MAJORITY_OF_SUMMONED, 3, 3, ballots);
        assertThat(result.results()).extracting(r -> r.candidateId()).startsWith("C", "B", "E");
        assertThat(result.elected()).containsExactly("C", "B");
    }

    @Test
    void theBaseOfABodyIsItsMembersSummoned() {
        // The executive committee's plenum: 33 members summoned, 30 present; more than half is 17.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(17, List.of("A")));
        ballots.addAll(Collections.nCopies(13, List.of("B")));
        RoundCount.Result result = RoundCount.count(FIVE, 1, DecisionRule.MAJORITY_OF_SUMMONED, 33, 30, ballots);
        assertThat(result.baseCount()).isEqualTo(33);
        assertThat(result.threshold()).isEqualTo(17);
        assertThat(result.elected()).containsExactly("A");
    }

    @Test
    void alternatesAreRankedByVotesAfterTheSeats() {
        // 10 summoned, threshold 6; 1 seat and 3 alternates: A 10, B 9, C 8, D 7.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(7, List.of("A", "B", "C", "D")));
        ballots.add(List.of("A", "B", "C"));
        ballots.add(List.of("A", "B"));
        ballots.add(List.of("A"));
        RoundCount.Result result = RoundCount.count(FIVE, 1, 3, 1, DecisionRule.MAJORITY_OF_SUMMONED, 10, 10, ballots);
        assertThat(result.valid()).isEqualTo(10);
        assertThat(result.elected()).containsExactly("A");
        assertThat(result.alternates()).containsExactly("B", "C", "D");
        assertThat(result.results())
                .extracting(r -> r.candidateId() + ":" + r.alternateRank())
                .containsExactly("A:0", "B:1", "C:2", "D:3", "E:0");
        assertThat(result.alternateSeatsRemaining()).isZero();
        assertThat(result.tiedAtPosition()).isZero();
    }

    @Test
    void alternateRanksContinueFromEarlierRounds() {
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(6, List.of("A", "B")));
        RoundCount.Result result = RoundCount.count(FIVE, 1, 1, 4, DecisionRule.MAJORITY_OF_SUMMONED, 10, 10, ballots);
        // A and B are tied, one official seat and one alternate between them: not decided
        assertThat(result.tiedForLastSeat()).containsExactlyInAnyOrder("A", "B");
        assertThat(result.tiedAtPosition()).isEqualTo(1);

        ballots.add(List.of("A"));
        result = RoundCount.count(FIVE, 1, 1, 4, DecisionRule.MAJORITY_OF_SUMMONED, 10, 10, ballots);
        assertThat(result.elected()).containsExactly("A");
        assertThat(result.alternates()).containsExactly("B");
        assertThat(result.results())
                .filteredOn(r -> r.candidateId().equals("B"))
                .extracting(r -> r.alternateRank())
                .containsExactly(4);
    }

    @Test
    void equalVotesAmongTheOfficialSeatsAreNoTie() {
        // A and B 8 each for 2 seats: both are delegates; C 7 is alternate 1.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(7, List.of("A", "B", "C")));
        ballots.add(List.of("A", "B"));
        RoundCount.Result result = RoundCount.count(FIVE, 2, 1, 1, DecisionRule.MAJORITY_OF_SUMMONED, 10, 10, ballots);
        assertThat(result.elected()).containsExactlyInAnyOrder("A", "B");
        assertThat(result.alternates()).containsExactly("C");
        assertThat(result.tiedForLastSeat()).isEmpty();
    }

    @Test
    void aTieForTheLastAlternateSeatIsReported() {
        // 1 seat, 2 alternates, a rule of at least a third of 15 (5): A 9, B 8, C and D 7 for the last alternate seat.
        List<List<String>> ballots = new ArrayList<>(Collections.nCopies(6, List.of("B", "C", "D")));
        ballots.add(List.of("A", "C", "D"));
        ballots.addAll(Collections.nCopies(2, List.of("A", "B")));
        ballots.addAll(Collections.nCopies(6, List.of("A")));
        DecisionRule third = new DecisionRule(DecisionRule.Base.SUMMONED, new Fraction(1, 3), false);
        RoundCount.Result result = RoundCount.count(FIVE, 1, 2, 1, third, 15, 15, ballots);
        assertThat(result.threshold()).isEqualTo(5);
        assertThat(result.elected()).containsExactly("A");
        assertThat(result.alternates()).containsExactly("B");
        assertThat(result.tiedForLastSeat()).containsExactlyInAnyOrder("C", "D");
        assertThat(result.tiedAtPosition()).isEqualTo(3);
        assertThat(result.alternateSeatsRemaining()).isEqualTo(1);
    }

    private record CandidateResultView(long votes, boolean elected) {}

    private static CandidateResultView view(RoundCount.Result result, String id) {
        var r = result.results().stream()
                .filter(c -> c.candidateId().equals(id))
                .findFirst()
                .orElseThrow();
        return new CandidateResultView(r.votes(), r.elected());
    }
}
