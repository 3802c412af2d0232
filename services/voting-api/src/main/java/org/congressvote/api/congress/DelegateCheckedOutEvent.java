package org.congressvote.api.congress;

public record DelegateCheckedOutEvent(String congressId, String delegateId) {
}
