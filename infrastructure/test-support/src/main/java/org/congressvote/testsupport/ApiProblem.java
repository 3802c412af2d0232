package org.congressvote.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import org.congressvote.api.error.ErrorCode;

/**
 * An answer that was not 2xx, with the problem (RFC 9457) it carried: the status, the {@code code} the services send
 * and its {@code detail}. An {@link AssertionError}, so that a test that expected success fails with it and an
 * awaiting test ({@code untilAsserted}) keeps waiting through it.
 */
public final class ApiProblem extends AssertionError {

    private final int status;
    private final String code;
    private final String detail;
    private final String body;

    private ApiProblem(String what, int status, String code, String detail, String body) {
        super(what + " -> " + status + " " + body);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.body = body;
    }

    static ApiProblem of(String what, Answer answer) {
        String code = null;
        String detail = null;
        try {
            JsonNode json = CongressApi.JSON.readTree(answer.body());
            if (json != null && json.isObject()) {
                code = json.path("code").isTextual() ? json.get("code").asText() : null;
                detail = json.path("detail").isTextual() ? json.get("detail").asText() : null;
            }
        } catch (Exception notJson) {
            // an answer from something other than our problem writer (a proxy, a dying server): no code
        }
        return new ApiProblem(what, answer.statusCode(), code, detail, answer.body());
    }

    public int status() {
        return status;
    }

    /** The {@code code} of the problem as sent (also the few the web layers name beside {@link ErrorCode}). */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The code as the contract's {@link ErrorCode}, when it is one. */
    public Optional<ErrorCode> errorCode() {
        return Arrays.stream(ErrorCode.values())
                .filter(c -> c.name().equals(code))
                .findFirst();
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public String body() {
        return body;
    }
}
