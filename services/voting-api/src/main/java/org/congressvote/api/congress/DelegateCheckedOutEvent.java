package org.congressvote.api.congress;

/** A delegate left the hall; {@code reason} is null in events stored before a reason was required. */
public record DelegateCheckedOutEvent(String congressId, String delegateId, String reason) {

    public DelegateCheckedOutEvent(String congressId, String delegateId) {
        this(congressId, delegateId, null);
    }
}
