package org.congressvote.api;

/**
 * The aggregate types the events carry (Axon writes the aggregate class's simple name): the read side tells the
 * aggregates apart by these, and the command side's architecture test holds its classes to them.
 */
public final class AggregateTypes {

    public static final String CONGRESS = "Congress";
    public static final String MOTION = "Motion";
    public static final String ELECTION = "Election";
    public static final String VOTE = "Vote";
    public static final String BALLOT = "Ballot";

    private AggregateTypes() {}
}
