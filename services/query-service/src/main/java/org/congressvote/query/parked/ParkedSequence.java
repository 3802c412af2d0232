package org.congressvote.query.parked;

import java.time.Instant;
import java.util.List;

/**
 * An aggregate whose events wait in the dead-letter queue: the first could not be applied, the others wait behind it.
 * {@code parked} is how many; {@code events} lists them in order (at most the number asked for).
 */
public record ParkedSequence(String sequence, long parked, List<Event> events) {

    /**
     * One parked event: where it was read from, what it is, and why it was parked ({@code cause}: the exception's type
     * and message; null for an event that only waits behind an earlier one).
     */
    public record Event(
            String eventId,
            String aggregateType,
            Long aggregateSequence,
            String payloadType,
            Integer partition,
            Long offset,
            String cause,
            Instant parkedAt,
            Instant lastTried) {}
}
