package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Seats an alternate in place of an official delegate who cannot attend; the reason goes on the record. */
public record SeatAlternateCommand(
        @TargetAggregateIdentifier String congressId, String alternateId, String replacedDelegateId, String reason) {}
