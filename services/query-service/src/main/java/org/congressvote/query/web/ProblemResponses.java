package org.congressvote.query.web;

import java.net.URI;
import java.util.Locale;

import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem: status, a {@code code} clients can switch on, and a sentence a secretary can act
 * on. Spring MVC's own errors (unknown path, wrong method, unacceptable media type) come out in the same shape.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail onDomainRuleViolation(DomainRuleViolation e) {
        HttpStatus status = switch (e.code()) {
            case CONGRESS_NOT_FOUND, MOTION_NOT_FOUND, DELEGATE_NOT_REGISTERED -> HttpStatus.NOT_FOUND;
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        return problem(status, e.code().name(), e.getMessage());
    }

    /** A path variable over an input limit: 400 naming it. */
    @ExceptionHandler(InvalidInput.class)
    ProblemDetail onInvalidInput(InvalidInput e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.code().name(), e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(ViewProblem.class)
    ProblemDetail onViewProblem(ViewProblem e) {
        return problem(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(ReadModelUnavailable.class)
    ProblemDetail onReadModelUnavailable(ReadModelUnavailable e) {
        log.warn("Read model query failed: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "READ_MODEL_UNAVAILABLE",
                "The results cannot be read right now. Please try again in a few seconds.");
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:congress-vote:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }
}
