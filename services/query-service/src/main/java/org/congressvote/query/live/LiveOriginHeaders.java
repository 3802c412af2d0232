package org.congressvote.query.live;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.congressvote.query.web.SecurityHeaders;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the web port's live stream redirects to the live port, the pages' Content-Security-Policy lets them connect
 * there too (connect-src), and nowhere else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LiveOriginHeaders extends OncePerRequestFilter {

    private final LiveServer liveServer;

    LiveOriginHeaders(LiveServer liveServer) {
        this.liveServer = liveServer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String live = liveServer.redirectFor(request);
        if (live != null) {
            response.setHeader(
                    "Content-Security-Policy",
                    SecurityHeaders.CONTENT_SECURITY_POLICY.replace(
                            "connect-src 'self'", "connect-src 'self' " + live));
        }
        chain.doFilter(request, response);
    }
}
