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
            int seatsRemaining) {}

    /**
     * A ballot is invalid when it keeps more names than there are seats, or, on a list longer than the seats, keeps
     * nobody. On a list no longer than the seats, each name is an agree / disagree, so keeping nobody is valid.
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
        Map<String, Long> votes = new HashMap<>();
        candidates.forEach(c -> votes.put(c.candidateId(), 0L));
        long valid = 0;
        for (List<String> kept : ballots) {
            if (isValid(kept, seats, candidates.size())) {
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
        List<String> tied = new ArrayList<>();
        int i = 0;
        while (i < reaching.size() && elected.size() < seats) {
            long v = votes.get(reaching.get(i).candidateId());
            int j = i;
            while (j < reaching.size() && votes.get(reaching.get(j).candidateId()) == v) {
                j++;
            }
            List<Candidate> group = reaching.subList(i, j);
            if (elected.size() + group.size() <= seats) {
                group.forEach(c -> elected.add(c.candidateId()));
            } else {
                // More candidates with the same votes than seats left: the software does not choose among them.
                group.forEach(c -> tied.add(c.candidateId()));
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
                        elected.contains(c.candidateId())))
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
                seats - electedInOrder.size());
    }
}
