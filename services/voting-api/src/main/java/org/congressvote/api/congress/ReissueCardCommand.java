package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A delegate's card is replaced (lost, damaged): the old code and every session of the delegate are revoked. The
 * reason is required, because whoever re-issues a card can sign in with the new one.
 */
public record ReissueCardCommand(@TargetAggregateIdentifier String congressId, String delegateId, String reason) {}
