package org.congressvote.command.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.motion.DecisionRule;

/**
 * Counts one election round by the rules of regulation 244-QD/TW as the congress applies them: which ballots are
 * valid, votes per candidate, who reaches the threshold, who fills the seats, and who is tied for the last seats.
 * Pure: the same ballots always give the same count, so a recount from the log can be compared with the minutes.
 */
final class RoundCount {

    private RoundCount() {}

    record Result(
            long valid,
            long invalid,
            long baseCount,
            long threshold,
            List<CandidateResult> results,
            List<String> elected,
            List<String> tiedForLastSeat,
            int seatsRemaining,
            List<String> alternates,
            int alternateSeatsRemaining,
            int tiedAtPosition) {}

    /**
     * A ballot is invalid when it keeps more names than there are seats (officials and alternates together), or, on a
     * list longer than the seats, keeps nobody. On a list no longer than the seats, each name is an agree / disagree,
     * so keeping nobody is valid.
     */
    static boolean isValid(List<String> kept, int seats, int candidates) {
        if (kept.size() > seats) {
            return false;
        }
        return candidates <= seats || !kept.isEmpty();
    }

    static Result count(
            List<Candidate> candidates,
            int seats,
            DecisionRule rule,
            long summoned,
            long present,
            List<List<String>> ballots) {
        return count(candidates, seats, 0, 1, rule, summoned, present, ballots);
    }

    /**
     * Those reaching the threshold, ranked by votes, take the {@code seats} first and then the {@code alternateSeats}
     * in rank order (the first of rank {@code firstAlternateRank}). Officials are not ordered among themselves, so
     * equal votes inside the seats are no tie; equal votes that straddle the last official seat, share an alternate's
     * rank or straddle the last alternate seat are: those candidates, and everyone ranked after them, are not placed
     * by the software (the congress decides, with a further round).
     */
    static Result count(
            List<Candidate> candidates,
            int seats,
            int alternateSeats,
            int firstAlternateRank,
            DecisionRule rule,
            long summoned,
            long present,
            List<List<String>> ballots) {
        int allSeats = seats + alternateSeats;
        Map<String, Long> votes = new HashMap<>();
        candidates.forEach(c -> votes.put(c.candidateId(), 0L));
        long valid = 0;
        for (List<String> kept : ballots) {
            if (isValid(kept, allSeats, candidates.size())) {
                valid++;
                kept.forEach(id -> votes.merge(id, 1L, Long::sum));
            }
        }
        long invalid = ballots.size() - valid;
        long baseCount = switch (rule.base()) {
            case SUMMONED -> summoned;
            case PRESENT -> present;
            case VALID_BALLOTS -> valid;
        };
        long threshold = rule.threshold(baseCount);

        List<Candidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingLong((Candidate c) -> votes.get(c.candidateId()))
                .reversed()
                .thenComparing(Candidate::fullName));
        List<Candidate> reaching = ranked.stream()
                .filter(c -> baseCount > 0 && votes.get(c.candidateId()) >= threshold)
                .toList();

        Set<String> elected = new HashSet<>();
        List<String> alternates = new ArrayList<>();
        List<String> tied = new ArrayList<>();
        int placed = 0;
        int tiedAt = 0;
        int i = 0;
        while (i < reaching.size() && placed < allSeats) {
            long v = votes.get(reaching.get(i).candidateId());
            int j = i;
            while (j < reaching.size() && votes.get(reaching.get(j).candidateId()) == v) {
                j++;
            }
            List<Candidate> group = reaching.subList(i, j);
            if (group.size() == 1 || placed + group.size() <= seats) {
                for (Candidate c : group) {
                    if (placed < seats) {
                        elected.add(c.candidateId());
                    } else {
                        alternates.add(c.candidateId());
                    }
                    placed++;
                }
            } else {
                // Equal votes the seats or the alternates' order cannot separate: the software does not choose.
                group.forEach(c -> tied.add(c.candidateId()));
                tiedAt = placed + 1;
                break;
            }
            i = j;
        }

        List<CandidateResult> results = ranked.stream()
                .map(c -> new CandidateResult(
                        c.candidateId(),
                        c.fullName(),
                        votes.get(c.candidateId()),
                        baseCount > 0 && votes.get(c.candidateId()) >= threshold,
                        elected.contains(c.candidateId()),
                        alternates.contains(c.candidateId())
                                ? firstAlternateRank + alternates.indexOf(c.candidateId())
                                : 0))
                .toList();
        List<String> electedInOrder = results.stream()
                .filter(CandidateResult::elected)
                .map(CandidateResult::candidateId)
                .toList();
        return new Result(
                valid,
                invalid,
                baseCount,
                threshold,
                results,
                electedInOrder,
                List.copyOf(tied),
                seats - electedInOrder.size(),
                List.copyOf(alternates),
                alternateSeats - alternates.size(),
                tiedAt);
    }
}
