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
        List<StaffActions.Flag> votesAfterCardReissue) {

    static final String OPEN_VOTE = "OPEN_VOTE";
    static final String ELECTION_ROUND = "ELECTION_ROUND";

    /**
     * Who opened a sealed ballot box: the vote-counting committee's members whose key shares were presented, in that
     * order, and how many were required. Null for open votes and for rounds closed before ballots were sealed.
     */
    record BoxOpened(List<String> openedBy, int sharesRequired, int ballotsOpened) {}

    /** A line of the count: a choice (AGREE, DISAGREE, ABSTAIN) or a candidate, with its votes. */
    record Count(String id, String label, long votes, Boolean reachedThreshold, Boolean elected) {}
}
