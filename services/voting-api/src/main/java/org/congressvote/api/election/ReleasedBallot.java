package org.congressvote.api.election;

import java.util.List;

/** One ballot as published after the close: the names kept, whether the rules count it, and its receipt's hash. */
public record ReleasedBallot(List<String> kept, boolean valid, String receiptHash) {
}
