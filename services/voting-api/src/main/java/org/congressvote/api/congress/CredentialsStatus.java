package org.congressvote.api.congress;

/** Where the credentials committee stands on a delegate: not yet decided, accepted or rejected. */
public enum CredentialsStatus {
    PENDING,
    ACCEPTED,
    REJECTED
}
