package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent when a motion that decides one of the election's proposals closes: adopted applies it, not adopted drops it. */
public record ApplyMotionResultCommand(
        @TargetAggregateIdentifier String electionId, String motionId, boolean adopted) {}
