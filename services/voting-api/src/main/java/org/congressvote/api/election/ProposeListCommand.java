package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the candidate list (nominees' ids, in the order printed on the ballot) to the congress by motion {@code motionId}. */
public record ProposeListCommand(
        @TargetAggregateIdentifier String electionId, String motionId, List<String> candidateIds) {}
