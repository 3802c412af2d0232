package org.congressvote.query.store;

import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Where an event was read from the topic: its partition and offset. The read side adds them to each event's metadata
 * as it takes the record from Kafka (live processors and recount alike), so that a view can tell a record it has
 * applied already (replayed after a crash: same partition, same or lower offset) from one it has not. Every event of
 * one aggregate travels in the same partition (the record key is the aggregate id), in order.
 */
public record StreamPosition(int partition, long offset) {

    public static final String PARTITION = "kafkaPartition";
    public static final String OFFSET = "kafkaOffset";

    public StreamPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "partition and offset must not be negative: " + partition + "/" + offset);
        }
    }

    /** The metadata that carries this position. */
    public MetaData asMetaData() {
        return MetaData.from(Map.of(PARTITION, partition, OFFSET, offset));
    }

    /** The position an event was read from, as its metadata says. */
    public static StreamPosition of(EventMessage<?> event) {
        return of(event.getMetaData().get(PARTITION), event.getMetaData().get(OFFSET));
    }

    /** From metadata values (as handler parameters see them); fails clearly for an event not read from the topic. */
    public static StreamPosition of(Object partition, Object offset) {
        if (!(partition instanceof Number p) || !(offset instanceof Number o)) {
            throw new IllegalArgumentException("The event carries no topic position (" + PARTITION + ", " + OFFSET
                    + "): it did not come through the read side's Kafka source");
        }
        return new StreamPosition(p.intValue(), o.longValue());
    }
}
