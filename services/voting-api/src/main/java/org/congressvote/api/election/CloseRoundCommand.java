package org.congressvote.api.election;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes the open round and counts it. {@code openedBy}: the vote-counting committee's members whose shares rebuilt
 * the round's key (the key itself is never in a command: the handler gets it from the service holding it).
 */
public record CloseRoundCommand(@TargetAggregateIdentifier String electionId, List<String> openedBy) {

    public CloseRoundCommand {
        openedBy = openedBy == null ? List.of() : List.copyOf(openedBy);
    }

    public CloseRoundCommand(String electionId) {
        this(electionId, List.of());
    }
}
