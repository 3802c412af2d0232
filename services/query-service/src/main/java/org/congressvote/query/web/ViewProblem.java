package org.congressvote.query.web;

import org.springframework.http.HttpStatus;

/**
 * A request the views cannot answer as asked, with a status and a code of the read side (an election or round that is
 * not known, ballots asked for before they are published, a recount already running).
 */
public class ViewProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    private ViewProblem(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ViewProblem notFound(String code, String detail) {
        return new ViewProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ViewProblem conflict(String code, String detail) {
        return new ViewProblem(HttpStatus.CONFLICT, code, detail);
    }

    public static ViewProblem forbidden(String code, String detail) {
        return new ViewProblem(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ViewProblem badRequest(String detail) {
        return new ViewProblem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
