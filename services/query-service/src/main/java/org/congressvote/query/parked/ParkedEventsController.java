package org.congressvote.query.parked;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.store.ViewStore;
import org.congressvote.query.web.Queries;
import org.congressvote.query.web.ViewProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator does with parked events (docs/operations.md). Listing and retrying are open, like the recount:
 * a retry only applies events from the log through the views' own rules, so at worst it parks them again. Dropping
 * takes events out of the views for good, so it needs the operator token ({@code congress.operator.token}, header
 * {@value #TOKEN_HEADER}); without a token configured nobody can drop.
 */
@RestController
class ParkedEventsController {

    static final String TOKEN_HEADER = "X-Operator-Token";
    private static final Logger log = LoggerFactory.getLogger(ParkedEventsController.class);
    private static final int LISTED = 1_000;

    private final ParkedEvents parked;
    private final EventProcessingConfiguration processing;
    private final String operatorToken;

    ParkedEventsController(
            ParkedEvents parked, EventProcessingConfiguration processing, QueryServiceProperties properties) {
        this.parked = parked;
        this.processing = processing;
        this.operatorToken = properties.operator().token();
    }

    /** The answer to a retry or a drop: how many events of the aggregate were applied or dropped, and how many wait. */
    record Outcome(String sequence, long applied, long dropped, long stillParked, String reason) {}

    /** Why an operator drops an aggregate's parked events (kept in the log). */
    record DropRequest(String reason) {}

    @GetMapping("/api/parked")
    List<ParkedSequence> list() {
        return parked.list(LISTED, LISTED);
    }

    @PostMapping("/api/parked/{sequence}/retry")
    Outcome retry(@PathVariable String sequence) {
        long before = parkedOf(sequence);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(ViewStore.PROCESSING_GROUP)
                .orElseThrow(() -> new IllegalStateException("The views' processor has no dead-letter queue"));
        parked.lock().lock();
        try {
            processor.process(letter -> ParkedEvents.sequenceOf(letter).equals(sequence));
        } finally {
            parked.lock().unlock();
        }
        long after = parked.sequenceSize(sequence);
        log.info(
                "Retried the {} parked event(s) of {}: {} applied, {} still parked",
                before,
                sequence,
                before - after,
                after);
        return new Outcome(sequence, before - after, 0, after, null);
    }

    @PostMapping("/api/parked/{sequence}/drop")
    Outcome drop(
            @PathVariable String sequence,
            @RequestBody(required = false) DropRequest request,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token) {
        if (operatorToken.isBlank()
                || token == null
                || !MessageDigest.isEqual(
                        operatorToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ViewProblem(
                    ErrorCode.OPERATOR_ONLY,
                    "Dropping parked events takes them out of the views for "
                            + "good: it needs the operator token in the " + TOKEN_HEADER + " header.");
        }
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ViewProblem.badRequest("Say why the events are dropped: {\"reason\": \"...\"}.");
        }
        parkedOf(sequence);
        long dropped = parked.drop(sequence);
        log.warn("Dropped the {} parked event(s) of {}: {}", dropped, sequence, request.reason());
        return new Outcome(sequence, 0, dropped, parked.sequenceSize(sequence), request.reason());
    }

    private long parkedOf(String sequence) {
        Queries.checkedId(sequence, "aggregate");
        long count = parked.sequenceSize(sequence);
        if (count == 0) {
            throw new ViewProblem(
                    ErrorCode.NOT_PARKED,
                    "Nothing of '" + sequence + "' is parked. GET /api/parked " + "lists what is.");
        }
        return count;
    }
}
