package org.congressvote.api.congress;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenSessionCommand(@TargetAggregateIdentifier String congressId) {}
