package org.congressvote.api.congress;

public record CredentialsRejectedEvent(String congressId, String delegateId, String reason) {}
