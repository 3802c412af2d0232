package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The credentials committee (ban tham tra tu cach dai bieu) accepts a delegate's credentials. */
public record AcceptCredentialsCommand(
        @TargetAggregateIdentifier String congressId, String delegateId) {}
