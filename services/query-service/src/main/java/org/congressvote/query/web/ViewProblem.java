package org.congressvote.query.web;

import org.congressvote.api.error.ErrorCode;

/**
 * A request the views cannot answer as asked (an election or round that is not known, ballots asked for before they
 * are published, a recount already running), with its code; the status is the code's.
 */
public class ViewProblem extends RuntimeException {

    private final ErrorCode code;

    public ViewProblem(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public static ViewProblem badRequest(String detail) {
        return new ViewProblem(ErrorCode.INVALID_REQUEST, detail);
    }

    public ErrorCode code() {
        return code;
    }
}
