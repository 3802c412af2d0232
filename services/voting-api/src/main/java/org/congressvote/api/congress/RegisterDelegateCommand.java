package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a summoned delegate to the congress roster. */
public record RegisterDelegateCommand(@TargetAggregateIdentifier String congressId, String delegateId,
                                      String fullName, String organisation) {
}
