package org.congressvote.query.web;

import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InvalidInput;
import org.congressvote.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
        return Problems.detail(e.code(), e.getMessage());
    }

    /** A path variable over an input limit: 400 naming it. */
    @ExceptionHandler(InvalidInput.class)
    ProblemDetail onInvalidInput(InvalidInput e) {
        ProblemDetail problem = Problems.detail(e.code(), e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(ViewProblem.class)
    ResponseEntity<ProblemDetail> onViewProblem(ViewProblem e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.code().status());
        if (e.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return answer.body(Problems.detail(e.code(), e.getMessage()));
    }

    @ExceptionHandler(ReadModelUnavailable.class)
    ProblemDetail onReadModelUnavailable(ReadModelUnavailable e) {
        log.warn(
                "Read model query failed: {}",
                e.getCause() == null ? e.toString() : e.getCause().toString());
        return Problems.detail(
                ErrorCode.READ_MODEL_UNAVAILABLE,
                "The results cannot be read right now. Please try again in a few seconds.");
    }
}
