package org.congressvote.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.InvalidInput;
import org.congressvote.command.CommandServiceProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit of the event log: read it, export it, verify its hash chain and its signed tree heads. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLog log;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Duration grace;
    private final JdbcTemplate jdbc;
    private final TreeHeads heads;
    private final String kafkaServers;
    private final String topic;
    private final Duration crossCheckGrace;

    AuditController(
            AuditLog log,
            DataSource dataSource,
            ObjectMapper json,
            JdbcTemplate jdbc,
            TreeHeads heads,
            KafkaProperties kafka,
            CommandServiceProperties properties) {
        this.log = log;
        this.dataSource = dataSource;
        this.json = json;
        this.grace = properties.audit().chainGrace();
        this.jdbc = jdbc;
        this.heads = heads;
        this.kafkaServers = String.join(",", kafka.getBootstrapServers());
        this.topic = kafka.getDefaultTopic();
        this.crossCheckGrace = properties.audit().crossCheckGrace();
    }

    /**
     * The log in PostgreSQL against the Kafka topic, event by event: what is missing, extra or different on either
     * side. Compares what is new since the last check (its checkpoint), or, with {@code full=true}, the whole table
     * with the whole topic.
     */
    @GetMapping("/cross-check")
    CrossCheck.Report crossCheck(@RequestParam(defaultValue = "false") boolean full) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return CrossCheck.checkpointed(connection, kafkaServers, topic, crossCheckGrace, full);
        }
    }

    @GetMapping("/events")
    AuditLog.Page events(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String congress,
            @RequestParam(required = false) String delegate,
            @RequestParam(required = false) String motion,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) {
        InputLimits.number(after, "after", 0, Long.MAX_VALUE);
        InputLimits.number(limit, "limit", 1, AuditLog.MAX_PAGE);
        return log.page(filter(type, congress, delegate, motion, from, to), after, limit);
    }

    @GetMapping(value = "/events.jsonl", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> jsonLines(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String congress,
            @RequestParam(required = false) String delegate,
            @RequestParam(required = false) String motion,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        AuditLog.Filter filter = filter(type, congress, delegate, motion, from, to);
        return download(
                "congress-log.jsonl",
                "application/x-ndjson",
                out -> each(filter, entry -> {
                    out.write(json.writeValueAsBytes(entry));
                    out.write('\n');
                }));
    }

    @GetMapping(value = "/events.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> csv(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String congress,
            @RequestParam(required = false) String delegate,
            @RequestParam(required = false) String motion,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        AuditLog.Filter filter = filter(type, congress, delegate, motion, from, to);
        return download("congress-log.csv", "text/csv;charset=UTF-8", out -> {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // so spreadsheets read UTF-8
            out.write("position,type,time,aggregate_id,sequence,actor,role,data\n".getBytes(StandardCharsets.UTF_8));
            each(
                    filter,
                    e -> out.write((e.position() + "," + cell(e.type()) + "," + cell(e.time()) + ","
                                    + cell(e.aggregateId()) + "," + e.sequence() + "," + cell(e.actor()) + ","
                                    + cell(e.role()) + ","
                                    + cell(e.data().toString()) + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** Walks the whole hash chain, looks for rows outside it and checks the signed tree heads. */
    @GetMapping("/verify")
    ChainVerifier.Verification verify() throws SQLException {
        return ChainVerifier.verify(dataSource, grace);
    }

    /** The signed tree heads, newest first. */
    @GetMapping("/heads")
    Map<String, Object> heads(@RequestParam(defaultValue = "100") int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<TreeHead> heads = new ArrayList<>(LogAnchor.heads(connection));
            Collections.reverse(heads);
            return Map.of(
                    "heads",
                    heads.stream()
                            .limit(Math.max(1, Math.min(limit, 10_000)))
                            .map(h ->
                                    Map.of("head", h, "signatureValid", h.signatureValid(), "signedText", h.message()))
                            .toList());
        }
    }

    /**
     * The signed head over the event at this position, in the minutes' numbering (the global index, the audit's
     * position): the chain position it has, the first signed head that covers it, and the position of that head's
     * last event, so that a head printed in the minutes can be found and compared from the position printed beside it.
     */
    record HeadAt(
            long position,
            Long chainPosition,
            TreeHead head,
            Boolean signatureValid,
            String signedText,
            Long headLastPosition,
            String reason) {}

    @GetMapping("/heads/at")
    HeadAt headAt(@RequestParam long position) {
        InputLimits.number(position, "position", 1, Long.MAX_VALUE);
        List<Long> chain =
                jdbc.queryForList("SELECT position FROM event_chain WHERE global_index = ?", Long.class, position);
        if (chain.isEmpty()) {
            return new HeadAt(
                    position,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "No chained event at position " + position
                            + ": there is none, or the chain has not taken it up yet (seconds).");
        }
        TreeHead head = heads.covering(chain.get(0));
        if (head == null) {
            return new HeadAt(
                    position,
                    chain.get(0),
                    null,
                    null,
                    null,
                    null,
                    "No signed tree head covers position " + position + " yet: one is signed every minute.");
        }
        Long last = jdbc
                .queryForList("SELECT global_index FROM event_chain WHERE position = ?", Long.class, head.size())
                .stream()
                .findFirst()
                .orElse(null);
        return new HeadAt(position, chain.get(0), head, head.signatureValid(), head.message(), last, null);
    }

    /** Does the log as stored now extend the tree of this size and root (a head from paper)? */
    @GetMapping("/consistency")
    LogAnchor.Consistency consistency(@RequestParam long fromSize, @RequestParam String fromRoot) throws SQLException {
        if (fromSize < 0 || !fromRoot.matches("[0-9a-fA-F]{64}")) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "fromSize must be 0 or more and fromRoot the "
                            + "64 hex digits of a tree head's root, as printed in the minutes.");
        }
        try (Connection connection = dataSource.getConnection()) {
            return LogAnchor.consistency(LogAnchor.leaves(connection), LogAnchor.heads(connection), fromSize, fromRoot);
        }
    }

    /** A head typed from paper: {"size": N, "rootHash": "…"}; the answer is that of the GET. */
    record PaperHead(long size, String rootHash) {}

    @PostMapping("/consistency")
    LogAnchor.Consistency consistency(@RequestBody PaperHead head) throws SQLException {
        return consistency(
                head.size(), head.rootHash() == null ? "" : head.rootHash().replaceAll("\\s", ""));
    }

    /** The proof that the event at this leaf (chain position - 1) is in the newest signed head. */
    @GetMapping("/proof/inclusion")
    LogAnchor.Inclusion inclusion(@RequestParam long leafIndex) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<TreeHead> heads = LogAnchor.heads(connection);
            LogAnchor.Leaf leaf = leafIndex >= 0 && leafIndex < Long.MAX_VALUE
                    ? LogAnchor.leafAt(connection, leafIndex + 1)
                    : new LogAnchor.Leaf(0, null, null);
            LogAnchor.Inclusion stored = LogAnchor.storedInclusion(connection, heads, leafIndex, leaf);
            // the stored nodes stop short only if rows were deleted by hand: then every leaf is recomputed
            return stored != null ? stored : LogAnchor.inclusion(LogAnchor.leaves(connection), heads, leafIndex);
        }
    }

    private interface EntryWriter {
        void write(AuditLog.Entry entry) throws IOException;
    }

    private void each(AuditLog.Filter filter, EntryWriter writer) throws IOException {
        long after = 0;
        while (true) {
            AuditLog.Page page = log.page(filter, after, AuditLog.MAX_PAGE);
            for (AuditLog.Entry entry : page.events()) {
                writer.write(entry);
            }
            if (page.next() == null) {
                return;
            }
            after = page.next();
        }
    }

    private static ResponseEntity<StreamingResponseBody> download(
            String name, String type, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type))
                .body(body);
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static AuditLog.Filter filter(
            String type, String congress, String delegate, String motion, String from, String to) {
        InputLimits.line(type, "type", InputLimits.TYPE_MAX);
        return new AuditLog.Filter(
                type,
                blankOr(congress, "congress"),
                blankOr(delegate, "delegate"),
                blankOr(motion, "motion"),
                instant(from, "from"),
                instant(to, "to"));
    }

    /** An id filter: left out when blank, else an id like any other. */
    private static String blankOr(String id, String field) {
        return id == null || id.isBlank() ? null : InputLimits.id(id, field);
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return InputLimits.instant(Instant.parse(text), field);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(
                    field, "The parameter '" + field + "' must be an ISO-8601 instant such as 2015-08-04T08:00:00Z.");
        }
    }
}
