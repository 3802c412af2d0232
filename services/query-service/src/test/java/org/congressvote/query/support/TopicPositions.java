package org.congressvote.query.support;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.congressvote.query.store.StreamPosition;

/**
 * Hands out topic positions as a Kafka topic of {@code partitions} partitions would: an aggregate's events in one
 * partition (by its id), offsets increasing in each partition. For projections fed by hand in tests.
 */
public final class TopicPositions {

    private final int partitions;
    private final Map<Integer, Long> next = new HashMap<>();

    public TopicPositions(int partitions) {
        this.partitions = partitions;
    }

    /** The position of the next record of {@code aggregateId}'s partition. */
    public StreamPosition next(String aggregateId) {
        int partition = Math.floorMod(aggregateId.hashCode(), partitions);
        long offset = next.merge(partition, 1L, Long::sum) - 1;
        return new StreamPosition(partition, offset);
    }

    /** The event with the position of the next record of its aggregate's partition in its metadata. */
    public EventMessage<?> place(EventMessage<?> event) {
        String key =
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        return event.andMetaData(next(key).asMetaData());
    }
}
