package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A present delegate leaves the hall; they no longer count as present and cannot vote until they return. The reason
 * is required: a check-out by staff takes a delegate's vote away.
 */
public record CheckOutDelegateCommand(
        @TargetAggregateIdentifier String congressId, String delegateId, String reason) {}
