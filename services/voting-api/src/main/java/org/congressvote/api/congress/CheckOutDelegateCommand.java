package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A present delegate leaves the hall; they no longer count as present and cannot vote until they return. */
public record CheckOutDelegateCommand(@TargetAggregateIdentifier String congressId, String delegateId) {
}
