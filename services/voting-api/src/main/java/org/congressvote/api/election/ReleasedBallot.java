package org.congressvote.api.election;

import java.util.List;

/**
 * One ballot as published after the close: the names kept (sorted by candidate id) and whether the rules count it.
 * {@code receiptHash} is null since ballots are sealed (the counted receipts are published apart, in
 * {@link BallotBoxOpenedEvent}); rounds closed before that carry it.
 */
public record ReleasedBallot(List<String> kept, boolean valid, String receiptHash) {}
