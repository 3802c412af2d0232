package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registered delegate enters the hall (first arrival or return after leaving). */
public record CheckInDelegateCommand(
        @TargetAggregateIdentifier String congressId, String delegateId) {}
