package org.congressvote.api.election;

/**
 * How an election's seats and candidate list come about. {@link #LIST_GIVEN}: the secretariat gives the seats at
 * creation and a list with each round (elections created before nominations existed). The other two take
 * nominations and need the congress's show of hands on the list (and on the seats where the congress decides them)
 * before a round can open.
 */
public enum ElectionProcedure {
    /** Seats and each round's list are given by the secretariat. */
    LIST_GIVEN,
    /** The congress votes the number of seats (the executive committee). */
    SEATS_VOTED,
    /** The level above allocates the seats, not voted (the delegation to the congress of the level above). */
    SEATS_ALLOCATED
}
