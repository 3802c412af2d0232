package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenRoundCommand(@TargetAggregateIdentifier String electionId) {}
