package org.congressvote.api.election;

/** Who put a name forward. */
public enum NominationKind {
    /** ứng cử: a delegate nominates themselves. */
    SELF,
    /** đề cử: a delegate nominates someone else, a delegate or a member who is not one (with their consent). */
    DELEGATE,
    /** The presidium's proposed list (danh sách do Đoàn Chủ tịch đề xuất). */
    PRESIDIUM
}
