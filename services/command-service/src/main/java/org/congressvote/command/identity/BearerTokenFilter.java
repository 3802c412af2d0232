package org.congressvote.command.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.web.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its bearer token, looked up as a hash in the session table (a valid session for a
 * moment from memory, see {@link Identities#authenticate}).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final Identities identities;

    BearerTokenFilter(Identities identities) {
        this.identities = identities;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                identities
                        .authenticate(header.substring(7).strip())
                        .ifPresent(principal -> SecurityContextHolder.getContext()
                                .setAuthentication(new UsernamePasswordAuthenticationToken(
                                        principal,
                                        null,
                                        List.of(new SimpleGrantedAuthority(
                                                "ROLE_" + principal.role().name())))));
            } catch (DataAccessException storeAway) {
                // The session table is out of reach (PostgreSQL restarting): say so, rather than a bare 500.
                Problems.write(
                        response,
                        ErrorCode.STORE_UNAVAILABLE,
                        "The record cannot be reached for a moment; nothing was changed. Send the same request again.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
