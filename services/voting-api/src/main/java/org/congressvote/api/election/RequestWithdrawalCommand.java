package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A nominee asks to withdraw (xin rút); the congress decides by show of hands (motion {@code motionId}). */
public record RequestWithdrawalCommand(
        @TargetAggregateIdentifier String electionId, String motionId, String candidateId, String reason) {}
