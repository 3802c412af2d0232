package org.congressvote.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InvalidInput;
import org.congressvote.api.error.RosterRejected;
import org.congressvote.command.identity.Identities;
import org.congressvote.web.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into an RFC 9457 problem: an HTTP status, a stable {@code code} and a sentence the
 * secretary can act on. Malformed requests are answered by the base class, also as problems.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final int ROSTER_ROWS_SHOWN = 100;

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail ruleViolated(DomainRuleViolation e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        e.figures().forEach(problem::setProperty);
        return problem;
    }

    /** A field over an input limit: 400 naming the field, so a client can point at it. */
    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalidInput(InvalidInput e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** The first {@value #ROSTER_ROWS_SHOWN} bad rows, and how many more: a file of bad rows gets a short answer. */
    @ExceptionHandler(RosterRejected.class)
    ProblemDetail rosterRejected(RosterRejected e) {
        ProblemDetail problem = problem(e.code(), e.getMessage());
        List<RosterRejected.RowProblem> rows = e.problems();
        problem.setProperty("rows", rows.subList(0, Math.min(rows.size(), ROSTER_ROWS_SHOWN)));
        problem.setProperty("moreProblems", Math.max(0, rows.size() - ROSTER_ROWS_SHOWN));
        return problem;
    }

    @ExceptionHandler(Identities.BadCredentials.class)
    ProblemDetail badCredentials(Identities.BadCredentials e) {
        return problem(ErrorCode.BAD_CREDENTIALS, e.getMessage());
    }

    @ExceptionHandler(Identities.TooManyAttempts.class)
    ResponseEntity<ProblemDetail> tooMany(Identities.TooManyAttempts e) {
        ProblemDetail problem = problem(ErrorCode.TOO_MANY_ATTEMPTS, e.getMessage());
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(ErrorCode.NOT_FOUND, "Nothing is known under the id " + e.getAggregateIdentifier() + ".");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail alreadyExists(AggregateStreamCreationException e) {
        return problem(ErrorCode.ALREADY_EXISTS, "Something with this id already exists.");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail busy(ConcurrencyException e) {
        return problem(
                ErrorCode.BUSY,
                "The congress is being changed by many requests at once; please send the request again.");
    }

    /** The event store is out of reach (PostgreSQL restarting, the pool exhausted): nothing was decided; try again. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        if (refusedValue(e)) {
            return ResponseEntity.badRequest().body(valueRefused());
        }
        return unavailable();
    }

    /**
     * The store refused a value of the request itself (SQLState class 22, data exception: too long, a NUL character;
     * class 23 but a duplicate key: a constraint), not its own state: the request, not the store, must change.
     */
    static boolean refusedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
            }
        }
        return false;
    }

    private static ProblemDetail valueRefused() {
        return problem(
                ErrorCode.INVALID_REQUEST,
                "A value in the request cannot be stored (too long, or a character the record refuses); "
                        + "nothing was changed.");
    }

    static ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail problem = problem(
                ErrorCode.STORE_UNAVAILABLE,
                "The record cannot be reached for a moment; nothing was changed. Send the same request again.");
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "2")
                .body(problem);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof RosterRejected rejected) {
            return rosterRejected(rejected);
        }
        if (e.getCause() instanceof DomainRuleViolation violation) {
            return ruleViolated(violation);
        }
        if (refusedValue(e)) {
            return valueRefused();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException
                    || t instanceof TransactionException
                    || t instanceof java.sql.SQLException) {
                return unavailable().getBody();
            }
        }
        return problem(
                ErrorCode.COMMAND_FAILED,
                "The command could not be completed; nothing was changed. Send the same request again.");
    }

    /** Malformed JSON, unknown fields and wrong types: say which field, not just "failed to read". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The request body is not valid JSON for this request.";
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            detail = "The field '" + unknown.getPropertyName() + "' is not part of this request.";
        } else if (cause instanceof InvalidFormatException format
                && !format.getPath().isEmpty()) {
            detail = "The field '"
                    + format.getPath().get(format.getPath().size() - 1).getFieldName()
                    + "' has a value of the wrong kind: " + format.getValue() + ".";
        } else if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            detail = "The field '"
                    + mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName()
                    + "' has a value of the wrong type.";
        } else if (cause instanceof JsonProcessingException json) {
            detail = "The request body is not valid JSON: " + json.getOriginalMessage();
        } else if (cause == null) {
            detail = "The request needs a JSON body.";
        }
        return ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(ErrorCode.INVALID_REQUEST, detail));
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        return Problems.detail(code, detail);
    }
}
