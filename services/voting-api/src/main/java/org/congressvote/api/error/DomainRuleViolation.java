package org.congressvote.api.error;

import java.util.Map;

/** A command was refused by a rule of the domain; the message is written for the secretary who must act on it. */
public class DomainRuleViolation extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Long> figures;

    public DomainRuleViolation(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /** {@code figures}: the numbers the refusal was decided on, sent as members of the problem. */
    public DomainRuleViolation(ErrorCode code, String message, Map<String, Long> figures) {
        super(message, null, false, false); // a refusal is an answer, not a fault: no stack trace
        this.code = code;
        this.figures = Map.copyOf(figures);
    }

    public Map<String, Long> figures() {
        return figures;
    }

    public ErrorCode code() {
        return code;
    }
}
