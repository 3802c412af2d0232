package org.congressvote.api.congress;

public record SessionOpenedEvent(String congressId) {}
