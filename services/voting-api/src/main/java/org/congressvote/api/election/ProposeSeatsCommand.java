package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts to the congress, by show of hands (motion {@code motionId}), the number of seats and the surplus: how many
 * names the list may have beyond the seats. Where the level above allocates the seats, only the surplus is voted and
 * {@code seats} is the allocation (or 0).
 */
public record ProposeSeatsCommand(
        @TargetAggregateIdentifier String electionId, String motionId, int seats, int surplus) {}
