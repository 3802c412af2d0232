package org.congressvote.api.error;

/** A command was refused by a rule of the domain; the message is written for the secretary who must act on it. */
public class DomainRuleViolation extends RuntimeException {

    private final ErrorCode code;

    public DomainRuleViolation(ErrorCode code, String message) {
        super(message, null, false, false); // a refusal is an answer, not a fault: no stack trace
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
