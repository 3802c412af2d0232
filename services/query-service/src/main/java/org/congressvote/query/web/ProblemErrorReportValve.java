package org.congressvote.query.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.web.Problems;

/**
 * Requests that Tomcat refuses before they reach the application (an encoded slash or dot segment in the path, a
 * malformed header) get an RFC 9457 problem like every other refusal, instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() && response.getContentWritten() > 0) {
            return;
        }
        try {
            Writer writer = response.getReporter();
            if (writer == null) {
                return; // the application already wrote its answer
            }
            ErrorCode code = switch (status) {
                case 404 -> ErrorCode.NOT_FOUND;
                case 413 -> ErrorCode.BODY_TOO_LARGE;
                default -> status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.READ_MODEL_UNAVAILABLE;
            };
            String detail = switch (code) {
                case NOT_FOUND -> "There is nothing at this address.";
                case BODY_TOO_LARGE -> "The request is larger than this service accepts.";
                case INVALID_REQUEST -> "The request could not be read: its address or headers are not well formed.";
                default -> "The results cannot be read right now. Please try again in a few seconds.";
            };
            response.setStatus(code.status());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            writer.write(new String(Problems.bytes(code, detail), StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already written: nothing more to say
        }
    }
}
