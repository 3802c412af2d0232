package org.congressvote.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.congressvote.api.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one writer of problem responses (RFC 9457) of both services: controllers' advice, servlet filters and Tomcat's
 * error valves all answer through it, so every problem has the same shape: {@code type} from {@link ErrorCode#type()},
 * {@code title} the status's reason phrase, {@code status} from {@link ErrorCode#status()}, {@code code} and a
 * {@code detail} a secretary can act on. JSON is written by Jackson, never by concatenation.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /** For Spring MVC's exception handlers. */
    public static ProblemDetail detail(ErrorCode code, String detail) {
        HttpStatus status = HttpStatus.valueOf(code.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(code.type());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    /** The same problem as JSON, for filters and valves that answer outside Spring MVC. */
    public static ObjectNode json(ErrorCode code, String detail) {
        HttpStatus status = HttpStatus.valueOf(code.status());
        ObjectNode body = JSON.createObjectNode();
        body.put("type", code.type().toString());
        body.put("title", status.getReasonPhrase());
        body.put("status", code.status());
        body.put("code", code.name());
        body.put("detail", detail);
        return body;
    }

    /**
     * Answers the response with the problem (status, content type, body); a 503 also says when to try again. The
     * response must not be committed yet.
     */
    public static void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (code.status() == 503 && response.getHeader("Retry-After") == null) {
            response.setHeader("Retry-After", "2");
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(json(code, detail)));
    }

    /** The problem as bytes, for a writer that has its own stream (Tomcat's valves). */
    public static byte[] bytes(ErrorCode code, String detail) {
        try {
            return JSON.writeValueAsBytes(json(code, detail));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A problem of strings and numbers is always JSON", e);
        }
    }
}
