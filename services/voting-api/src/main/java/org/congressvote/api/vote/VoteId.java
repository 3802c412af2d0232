package org.congressvote.api.vote;

/** Vote aggregate ids: one per (motion, delegate). */
public final class VoteId {

    private VoteId() {
    }

    public static String of(String motionId, String delegateId) {
        return "vote:" + motionId + ":" + delegateId;
    }
}
