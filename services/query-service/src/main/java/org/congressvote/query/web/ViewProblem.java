package org.congressvote.query.web;

import org.congressvote.api.error.ErrorCode;

/**
 * A request the views cannot answer as asked (an election or round that is not known, ballots asked for before they
 * are published, a recount already running), with its code; the status is the code's.
 */
public class ViewProblem extends RuntimeException {

    private final ErrorCode code;
    private final long retryAfterSeconds;

    public ViewProblem(ErrorCode code, String detail) {
        this(code, detail, 0);
    }

    /** A refusal that says when to try again (Retry-After, in seconds; 0: not said). */
    public ViewProblem(ErrorCode code, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ViewProblem badRequest(String detail) {
        return new ViewProblem(ErrorCode.INVALID_REQUEST, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
