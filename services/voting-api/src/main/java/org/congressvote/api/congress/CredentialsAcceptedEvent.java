package org.congressvote.api.congress;

public record CredentialsAcceptedEvent(String congressId, String delegateId) {}
