package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The credentials committee rejects a delegate's credentials, with the reason for the record. */
public record RejectCredentialsCommand(
        @TargetAggregateIdentifier String congressId, String delegateId, String reason) {}
