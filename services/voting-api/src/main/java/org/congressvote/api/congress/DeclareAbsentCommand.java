package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that an official delegate is absent for the whole congress with no alternate seated: the legal exclusion
 * that shrinks the base of "more than half of the delegates summoned".
 */
public record DeclareAbsentCommand(
        @TargetAggregateIdentifier String congressId, String delegateId, String reason) {}
