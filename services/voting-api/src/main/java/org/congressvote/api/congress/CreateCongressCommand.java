package org.congressvote.api.congress;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Convenes a congress: its id, name, the quorum as a fraction of the delegates summoned (default two thirds), and
 * the grassroots organisations that send delegates (when given, every delegate must come from one of them).
 */
public record CreateCongressCommand(
        @TargetAggregateIdentifier String congressId, String name, Fraction quorum, List<Organisation> organisations) {

    public CreateCongressCommand(String congressId, String name, Fraction quorum) {
        this(congressId, name, quorum, List.of());
    }
}
