package org.congressvote.api.congress;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a whole roster at once: every entry or none. */
public record ImportRosterCommand(@TargetAggregateIdentifier String congressId, List<RosterEntry> entries) {}
