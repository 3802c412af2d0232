package org.congressvote.api.election;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a name forward for an election. {@code candidateId} is the delegate's id when the nominee is a delegate; a
 * member who is not a delegate needs {@code consent}: how their agreement was recorded (e.g. "đơn đồng ý ngày 2/12").
 * {@code nominatedBy}: the delegate who nominates (themselves for {@link NominationKind#SELF}); null for the presidium.
 */
public record NominateCandidateCommand(
        @TargetAggregateIdentifier String electionId,
        String candidateId,
        String fullName,
        NominationKind kind,
        String nominatedBy,
        String consent) {}
