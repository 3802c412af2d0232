package org.congressvote.api.congress;

/**
 * A delegate's card was re-issued: from now on only the new code signs in as them. The staff member who did it is
 * the event's {@code actor} metadata; the code itself is never in the log.
 */
public record CardReissuedEvent(String congressId, String delegateId, String reason) {}
