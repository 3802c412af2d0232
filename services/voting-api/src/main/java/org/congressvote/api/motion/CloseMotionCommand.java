package org.congressvote.api.motion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseMotionCommand(@TargetAggregateIdentifier String motionId) {}
