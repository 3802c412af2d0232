package org.congressvote.command.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
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

    StoredEvents(@Qualifier("eventSerializer") Serializer serializer, ObjectProvider<Configuration> configuration) {
        this.serializer = serializer;
        this.configuration = configuration;
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
