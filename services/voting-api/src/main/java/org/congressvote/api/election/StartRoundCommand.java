package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts the next round with the candidate list the congress decided, for the seats still unfilled (the first
 * round: all seats). Each round is its own ballot and its own result.
 */
public record StartRoundCommand(@TargetAggregateIdentifier String electionId, List<Candidate> candidates) {}
