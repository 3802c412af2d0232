package org.congressvote.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * Who may read {@code /actuator/prometheus}, in both services: with a token set (CONGRESS_METRICS_TOKEN), a caller
 * sending it as a bearer token; without it, loopback callers only (docs/operations.md, "Metrics").
 */
public final class PrometheusAccess {

    private PrometheusAccess() {}

    public static FilterRegistrationBean<Filter> filter(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        Filter filter = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            boolean allowed = token.isEmpty()
                    ? isLoopback(http.getRemoteAddr())
                    : MessageDigest.isEqual(
                            expected,
                            String.valueOf(http.getHeader("Authorization")).getBytes(StandardCharsets.UTF_8));
            if (allowed) {
                chain.doFilter(request, response);
            } else {
                ((HttpServletResponse) response).sendError(token.isEmpty() ? 403 : 401);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    public static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
