package org.congressvote.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.congressvote.api.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards failed requests; asked for directly it has no error to show and
 * Spring Boot's error controller would answer 500. A direct request gets a 404 problem like any unknown address.
 * Both services register it ({@link SharedWebConfiguration}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ErrorPathGuard extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.matches("/error([/;.].*)?");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.write(response, ErrorCode.NOT_FOUND, "There is nothing at this address.");
    }
}
