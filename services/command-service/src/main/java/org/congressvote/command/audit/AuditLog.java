package org.congressvote.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event log itself (the legal record), not a copy: events in order of their global position, filtered,
 * a page at a time by position (keyset paging: the cost of a page does not grow with its depth in the log).
 */
@Component
class AuditLog {

    static final int MAX_PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AuditLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One event as the audit shows it; {@code actor} and {@code role} come from the event's metadata. */
    record Entry(
            long position,
            String type,
            String time,
            String aggregateId,
            long sequence,
            String actor,
            String role,
            JsonNode data) {}

    /** {@code congressId}: the events of one congress (each event names its congress). */
    record Filter(String type, String congressId, String delegateId, String motionId, Instant from, Instant to) {}

    record Page(List<Entry> events, Long next) {}

    /**
     * A page of the log after position {@code after}. The congress, motion and delegate filters find the events
     * through {@code audit_index} ({@link AuditIndex}), never the payload's JSON; type and time are the event's own
     * columns.
     */
    Page page(Filter filter, long after, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT globalindex, payloadtype, timestamp, aggregateidentifier, "
                + "sequencenumber, payload, metadata FROM domainevententry WHERE globalindex > ?");
        args.add(after);
        if (filter.type() != null && !filter.type().isBlank()) {
            sql.append(" AND (payloadtype = ? OR payloadtype LIKE ?)");
            args.add(filter.type());
            args.add("%." + filter.type());
        }
        List<String> about = new ArrayList<>();
        List<Object> aboutArgs = new ArrayList<>();
        if (filter.congressId() != null) {
            about.add("i.congress_id = ?");
            aboutArgs.add(filter.congressId());
        }
        if (filter.motionId() != null && !filter.motionId().isBlank()) {
            about.add("i.motion_id = ?");
            aboutArgs.add(filter.motionId());
        }
        if (filter.delegateId() != null && !filter.delegateId().isBlank()) {
            about.add("(i.delegate_id = ? OR i.other_delegate_id = ?)");
            aboutArgs.add(filter.delegateId());
            aboutArgs.add(filter.delegateId());
        }
        if (!about.isEmpty()) {
            sql.append(" AND globalindex IN (SELECT i.global_index FROM audit_index i WHERE i.global_index > ? AND ")
                    .append(String.join(" AND ", about))
                    .append(")");
            args.add(after);
            args.addAll(aboutArgs);
        }
        if (filter.from() != null) {
            sql.append(" AND timestamp::timestamptz >= ?::timestamptz");
            args.add(filter.from().toString());
        }
        if (filter.to() != null) {
            sql.append(" AND timestamp::timestamptz < ?::timestamptz");
            args.add(filter.to().toString());
        }
        sql.append(" ORDER BY globalindex LIMIT ?");
        args.add(size + 1);
        List<Entry> rows = jdbc.query(
                sql.toString(),
                (rs, n) -> {
                    JsonNode meta = tree(rs.getBytes("metadata"));
                    String type = rs.getString("payloadtype");
                    return new Entry(
                            rs.getLong("globalindex"),
                            type.substring(type.lastIndexOf('.') + 1),
                            rs.getString("timestamp"),
                            rs.getString("aggregateidentifier"),
                            rs.getLong("sequencenumber"),
                            text(meta, "actor"),
                            text(meta, "role"),
                            tree(rs.getBytes("payload")));
                },
                args.toArray());
        boolean more = rows.size() > size;
        List<Entry> events = more ? rows.subList(0, size) : rows;
        return new Page(
                List.copyOf(events), more ? events.get(events.size() - 1).position() : null);
    }

    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode meta, String field) {
        JsonNode value = meta == null ? null : meta.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
