package org.congressvote.api.congress;

public record CongressClosedEvent(String congressId) {}
