package org.congressvote.api.vote;

/** Vote aggregate ids: one per (motion, delegate). */
public final class VoteId {

    private VoteId() {}

    public static String of(String motionId, String delegateId) {
        return "vote:" + motionId + ":" + delegateId;
    }

    /** Every vote id of one motion is at or after this, and before {@link #afterMotion(String)}. */
    public static String firstOfMotion(String motionId) {
        return "vote:" + motionId + ":";
    }

    /** The first id after every vote id of the motion (':' + 1 is ';'), for a range scan in id order. */
    public static String afterMotion(String motionId) {
        return "vote:" + motionId + ";";
    }
}
