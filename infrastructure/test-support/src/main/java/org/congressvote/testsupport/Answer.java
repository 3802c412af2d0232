package org.congressvote.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** One HTTP answer as a caller sees it: the status, the body as text, the headers. */
public record Answer(int statusCode, String body, HttpHeaders headers) {

    public boolean isSuccess() {
        return statusCode / 100 == 2;
    }

    /** The body as JSON (an empty object for an empty body). */
    public JsonNode json() {
        if (body.isEmpty()) {
            return CongressApi.JSON.createObjectNode();
        }
        try {
            return CongressApi.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + statusCode + "): " + body, e);
        }
    }

    /** The JSON body of a 2xx answer; any other answer is thrown as an {@link ApiProblem} naming {@code what}. */
    public JsonNode ok(String what) {
        if (!isSuccess()) {
            throw ApiProblem.of(what, this);
        }
        return json();
    }

    /** The problem (RFC 9457) of an answer that is not 2xx; fails on a 2xx answer. */
    public ApiProblem problem() {
        if (isSuccess()) {
            throw new AssertionError("expected a problem, got " + statusCode + " " + body);
        }
        return ApiProblem.of("answer", this);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
