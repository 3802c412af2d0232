package org.congressvote.api.congress;

/** Convened -> credentials verified -> in session -> closed. */
public enum CongressStatus {
    CONVENED,
    CREDENTIALS_VERIFIED,
    IN_SESSION,
    CLOSED
}
