package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The credentials committee accepts, at once, the credentials of every delegate it has not yet decided on (after
 * reviewing the list and rejecting the ones it rejects): one acceptance event per delegate.
 */
public record AcceptAllPendingCredentialsCommand(
        @TargetAggregateIdentifier String congressId) {}
