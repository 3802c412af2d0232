package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the credentials check: every delegate's credentials must have been decided. */
public record CompleteCredentialsVerificationCommand(
        @TargetAggregateIdentifier String congressId) {}
