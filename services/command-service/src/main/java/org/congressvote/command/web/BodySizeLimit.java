package org.congressvote.command.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized request bodies before anything reads them: 64 KiB for a command, more for a roster file.
 * A body sent without a length (chunked) is cut off at the same limit by the servlet container's read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {

    private final long commandLimit;
    private final long rosterLimit;

    BodySizeLimit(@Value("${congress.web.max-command-bytes:65536}") long commandLimit,
                  @Value("${congress.web.max-roster-bytes:16777216}") long rosterLimit) {
        this.commandLimit = commandLimit;
        this.rosterLimit = rosterLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().endsWith("/roster") ? rosterLimit : commandLimit;
        long length = request.getContentLengthLong();
        if (length > limit || (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))
                && !request.getRequestURI().endsWith("/roster"))) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://congress-vote.example/problems/too-large\",\"title\":"
                    + "\"Content Too Large\",\"status\":413,\"code\":\"INVALID_REQUEST\",\"detail\":\"The request body is "
                    + "larger than the " + limit + " bytes this request may have.\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
