package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseRoundCommand(@TargetAggregateIdentifier String electionId) {
}
