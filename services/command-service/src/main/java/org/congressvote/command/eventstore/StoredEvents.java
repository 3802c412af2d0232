package org.congressvote.command.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Decodes a row of the event table as the event store does: the event serializer and the upcaster chain, never the
 * JSON read by hand. Used where a check reads the rows themselves (the close's cross-check of the vote projection, the
 * projections' back-fill), so a renamed record component, a serializer change or an upcaster reach them too.
 */
@Component
public class StoredEvents {

    /** The event table's columns a decode needs (select them, or {@code LogChain.COLUMNS}, which holds them). */
    public static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, "
            + "payloadtype, payloadrevision, timestamp, payload, metadata";

    private final Serializer serializer;
    private final ObjectProvider<Configuration> configuration;
    private final ObjectProvider<EventUpcaster> upcasters;
    private volatile Boolean upcasting;

    StoredEvents(
            @Qualifier("eventSerializer") Serializer serializer,
            ObjectProvider<Configuration> configuration,
            ObjectProvider<EventUpcaster> upcasters) {
        this.serializer = serializer;
        this.configuration = configuration;
        this.upcasters = upcasters;
    }

    /**
     * The payload of the event under the cursor, as {@link #decode} would give it. With no upcaster registered (an
     * upcaster is a bean, which Axon puts in its chain) upcasting is the identity, and the payload is deserialized
     * straight away, without a stream and a lazy message per event (the close decodes every vote: docs/benchmarks.md).
     */
    public Object payload(ResultSet row) throws SQLException {
        Boolean upcast = upcasting;
        if (upcast == null) {
            upcast = upcasters.stream().findAny().isPresent();
            upcasting = upcast;
        }
        if (upcast) {
            return decode(row).getPayload();
        }
        return serializer.deserialize(new SimpleSerializedObject<>(
                row.getBytes("payload"), byte[].class, row.getString("payloadtype"), row.getString("payloadrevision")));
    }

    /** The event under the cursor, upcast and deserialized (its payload is read when first asked for). */
    public DomainEventMessage<?> decode(ResultSet row) throws SQLException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                row.getString("type"),
                row.getString("aggregateidentifier"),
                row.getLong("sequencenumber"),
                row.getString("eventidentifier"),
                row.getString("timestamp"),
                row.getString("payloadtype"),
                row.getString("payloadrevision"),
                row.getBytes("payload"),
                row.getBytes("metadata"));
        long globalIndex = row.getLong("globalindex");
        return EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(entry), serializer, configuration.getObject().upcasterChain())
                .asStream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the upcaster chain dropped the event at global index " + globalIndex));
    }
}
