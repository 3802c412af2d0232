package org.congressvote.api.congress;

public record CongressCreatedEvent(String congressId, String name, Fraction quorum) {
}
