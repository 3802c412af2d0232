package org.congressvote.command.minutes;

import java.util.List;
import org.congressvote.command.audit.TreeHead;
import org.congressvote.command.congress.StaffActions;

/**
 * The minutes of the count (bien ban kiem phieu) of one vote, built from the log: the closing event's figures, the
 * hash of the log's chain at the close and the first signed tree head that covers the close, so that a printed copy
 * pins the log as it was. {@code closePosition} is the closing event's global index, the audit API's position.
 * {@code votesAfterCardReissue}: the votes (for a round, the ballots returned: who, never what) cast within the
 * configured window after a re-issue of the voter's card, with who re-issued it and why.
 * <p>
 * Of an open vote and an election round: {@code electorateTitle}, the body whose members voted (null: the congress),
 * and {@code baseText}, the base said in words ("33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17"). Of a round: its
 * {@code roundSeats} and {@code alternateSeats}; the {@code alternates} it made, in rank order; and
 * {@code tiedAtPosition}, the first place of the round's ranking the tied candidates would take (0: no tie), and
 * {@code tiedAtAlternateRank}, the alternate's rank it is when beyond the seats (else 0).
 */
record Minutes(
        String kind,
        String congressId,
        String congressName,
        String voteId,
        String title,
        int round,
        String closedAt,
        long summoned,
        long present,
        long issued,
        long returned,
        long valid,
        long invalid,
        List<Count> counts,
        String base,
        String fraction,
        boolean strictlyMore,
        long baseCount,
        long threshold,
        String outcome,
        List<String> elected,
        List<String> tiedForLastSeat,
        Integer seatsRemaining,
        long closePosition,
        String logHeadHash,
        TreeHead treeHead,
        BoxOpened boxOpened,
        long reissueFlagMinutes,
        List<StaffActions.Flag> votesAfterCardReissue,
        String electorateTitle,
        String baseText,
        int roundSeats,
        int alternateSeats,
        List<Alternate> alternates,
        int alternateSeatsRemaining,
        int tiedAtPosition,
        int tiedAtAlternateRank) {

    Minutes {
        alternates = alternates == null ? List.of() : alternates;
    }

    /** Minutes without a body's base or alternates: open votes, and rounds of the congress's own elections. */
    Minutes(
            String kind,
            String congressId,
            String congressName,
            String voteId,
            String title,
            int round,
            String closedAt,
            long summoned,
            long present,
            long issued,
            long returned,
            long valid,
            long invalid,
            List<Count> counts,
            String base,
            String fraction,
            boolean strictlyMore,
            long baseCount,
            long threshold,
            String outcome,
            List<String> elected,
            List<String> tiedForLastSeat,
            Integer seatsRemaining,
            long closePosition,
            String logHeadHash,
            TreeHead treeHead,
            BoxOpened boxOpened,
            long reissueFlagMinutes,
            List<StaffActions.Flag> votesAfterCardReissue) {
        this(
                kind,
                congressId,
                congressName,
                voteId,
                title,
                round,
                closedAt,
                summoned,
                present,
                issued,
                returned,
                valid,
                invalid,
                counts,
                base,
                fraction,
                strictlyMore,
                baseCount,
                threshold,
                outcome,
                elected,
                tiedForLastSeat,
                seatsRemaining,
                closePosition,
                logHeadHash,
                treeHead,
                boxOpened,
                reissueFlagMinutes,
                votesAfterCardReissue,
                null,
                null,
                0,
                0,
                List.of(),
                0,
                0,
                0);
    }

    static final String OPEN_VOTE = "OPEN_VOTE";
    static final String ELECTION_ROUND = "ELECTION_ROUND";

    /**
     * Who opened a sealed ballot box: the vote-counting committee's members whose key shares were presented, in that
     * order, and how many were required. Null for open votes and for rounds closed before ballots were sealed.
     */
    record BoxOpened(List<String> openedBy, int sharesRequired, int ballotsOpened) {}

    /**
     * A line of the count: a choice (AGREE, DISAGREE, ABSTAIN) or a candidate, with its votes; {@code alternateRank}
     * the candidate's rank among the alternates, else 0.
     */
    record Count(String id, String label, long votes, Boolean reachedThreshold, Boolean elected, int alternateRank) {

        Count(String id, String label, long votes, Boolean reachedThreshold, Boolean elected) {
            this(id, label, votes, reachedThreshold, elected, 0);
        }
    }

    /** An alternate (đại biểu dự khuyết) with their rank: the order in which they replace an official. */
    record Alternate(int rank, String id, String label, long votes) {}
}
