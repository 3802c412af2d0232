package org.congressvote.api.congress;

public record AlternateSeatedEvent(String congressId, String alternateId, String replacedDelegateId, String reason) {}
