package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts to the congress, by show of hands (motion {@code motionId}), names to add to the next round's list beyond the
 * approved list's candidates not yet elected (regulation 244-QĐ/TW art. 20 cl. 2: the congress decides it).
 */
public record ProposeNewNamesCommand(
        @TargetAggregateIdentifier String electionId, String motionId, List<Candidate> candidates) {}
