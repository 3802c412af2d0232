package org.congressvote.api.election;

/** A round is started with its candidate list, opened for ballots, then closed and counted. */
public enum RoundStatus {
    STARTED,
    OPEN,
    CLOSED
}
