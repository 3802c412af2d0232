package org.congressvote.api.election;

import org.congressvote.api.motion.DecisionRule;

public record ElectionCreatedEvent(String electionId, String congressId, String title, int seats, DecisionRule rule) {
}
