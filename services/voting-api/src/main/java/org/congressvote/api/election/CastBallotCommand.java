package org.congressvote.api.election;

import java.util.List;

/**
 * A delegate's secret ballot in an election round: the candidates they keep (every other name is struck out), for the
 * rules to be checked, and the same ballot sealed to the round's public key ({@code sealed}, base64), which is all
 * that is stored. {@code requestHash} identifies a retried request without storing the request id. A command is never
 * stored: only the participation event (no content) and the sealed ballot are.
 */
public record CastBallotCommand(
        String roundId,
        String delegateId,
        List<String> kept,
        String sealed,
        String requestHash,
        String voterCongressId) {

    public CastBallotCommand(String roundId, String delegateId, List<String> kept, String sealed, String requestHash) {
        this(roundId, delegateId, kept, sealed, requestHash, null);
    }

    /** The id of the aggregate that records the delegate's participation: one per (round, delegate). */
    public String participationId() {
        return participationId(roundId, delegateId);
    }

    public static String participationId(String roundId, String delegateId) {
        return "ballot:" + roundId + ":" + delegateId;
    }

    /** Every participation id of one round is at or after this, and before {@link #afterRound(String)}. */
    public static String firstOfRound(String roundId) {
        return "ballot:" + roundId + ":";
    }

    /** The first id after every participation id of the round (':' + 1 is ';'), for a range scan in id order. */
    public static String afterRound(String roundId) {
        return "ballot:" + roundId + ";";
    }
}
