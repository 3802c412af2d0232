package org.congressvote.api.motion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenMotionCommand(@TargetAggregateIdentifier String motionId) {}
