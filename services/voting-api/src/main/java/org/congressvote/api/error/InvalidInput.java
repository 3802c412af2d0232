package org.congressvote.api.error;

/** A request field breaks an input limit of {@link InputLimits}: refused at the edge, before any command is sent. */
public class InvalidInput extends DomainRuleViolation {

    private final String field;

    public InvalidInput(String field, String message) {
        super(ErrorCode.INVALID_REQUEST, message);
        this.field = field;
    }

    /** The field as the client named it (a JSON property, a path variable, a query parameter or a CSV column). */
    public String field() {
        return field;
    }
}
