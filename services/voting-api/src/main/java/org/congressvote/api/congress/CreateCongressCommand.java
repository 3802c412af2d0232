package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Convenes a congress: its id, its name, and the quorum as a fraction of the delegates summoned. */
public record CreateCongressCommand(@TargetAggregateIdentifier String congressId, String name, Fraction quorum) {
}
