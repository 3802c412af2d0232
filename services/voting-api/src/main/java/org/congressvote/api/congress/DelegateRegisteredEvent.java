package org.congressvote.api.congress;

public record DelegateRegisteredEvent(String congressId, String delegateId, String fullName, String organisation) {
}
