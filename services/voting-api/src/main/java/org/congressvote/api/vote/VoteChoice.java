package org.congressvote.api.vote;

/** The three answers of an open vote. */
public enum VoteChoice {
    AGREE,
    DISAGREE,
    ABSTAIN
}
