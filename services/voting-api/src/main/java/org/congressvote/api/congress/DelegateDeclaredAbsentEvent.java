package org.congressvote.api.congress;

public record DelegateDeclaredAbsentEvent(String congressId, String delegateId, String reason) {}
