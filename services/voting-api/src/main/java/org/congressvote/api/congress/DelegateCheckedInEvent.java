package org.congressvote.api.congress;

public record DelegateCheckedInEvent(String congressId, String delegateId) {}
