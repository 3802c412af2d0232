package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.congressvote.api.motion.DecisionRule;

/**
 * A secret-ballot election (bau cu) of {@code seats} members, e.g. the executive committee; rounds follow. With
 * {@link ElectionProcedure#SEATS_VOTED} the seats are 0 until the congress votes them. {@code alternateSeats}: the
 * alternates (dự khuyết) the level above allocated beside the seats, elected on the same ballot and ranked by votes
 * ({@link ElectionProcedure#SEATS_ALLOCATED} only). {@code electorateElectionId}: the body whose members vote, formed by
 * that earlier election (null: the congress). {@code eligibleFromElectionId}: only people elected in that election may
 * be candidates (null: anyone nominated); {@code excludingElectionIds}: nobody elected in those may be a candidate.
 */
public record CreateElectionCommand(
        @TargetAggregateIdentifier String electionId,
        String congressId,
        String title,
        int seats,
        DecisionRule rule,
        ElectionProcedure procedure,
        int alternateSeats,
        String electorateElectionId,
        String eligibleFromElectionId,
        List<String> excludingElectionIds) {

    /** The charter's rule and a list given by the secretariat unless said otherwise; the congress as the electorate. */
    public CreateElectionCommand {
        rule = rule == null ? DecisionRule.MAJORITY_OF_SUMMONED : rule;
        procedure = procedure == null ? ElectionProcedure.LIST_GIVEN : procedure;
        excludingElectionIds = excludingElectionIds == null ? List.of() : List.copyOf(excludingElectionIds);
    }

    public CreateElectionCommand(
            String electionId,
            String congressId,
            String title,
            int seats,
            DecisionRule rule,
            ElectionProcedure procedure) {
        this(electionId, congressId, title, seats, rule, procedure, 0, null, null, null);
    }

    public CreateElectionCommand(String electionId, String congressId, String title, int seats, DecisionRule rule) {
        this(electionId, congressId, title, seats, rule, null);
    }
}
