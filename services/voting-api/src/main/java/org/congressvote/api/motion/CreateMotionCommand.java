package org.congressvote.api.motion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a motion on the agenda of a congress; it is voted on only once opened. */
public record CreateMotionCommand(@TargetAggregateIdentifier String motionId, String congressId, String title) {
}
