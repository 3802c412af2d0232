package org.congressvote.query.metrics;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.web.PrometheusAccess;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The query-service is public and has no accounts: health details go to loopback callers only, and
 * {@code /actuator/prometheus} to loopback callers or, with {@code congress.metrics.token} set, to callers sending it
 * as a bearer token (docs/operations.md, "Metrics").
 */
@Configuration
class MetricsAccess {

    private static final Principal LOOPBACK = () -> "loopback";

    @Bean
    FilterRegistrationBean<Filter> prometheusAccess(QueryServiceProperties properties) {
        String token = properties.metrics().token();
        return PrometheusAccess.filter(token);
    }

    /** show-details: when-authorized sees a loopback caller as signed in; nobody else is. */
    @Bean
    FilterRegistrationBean<Filter> healthDetailsForLoopback() {
        Filter filter = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            chain.doFilter(
                    PrometheusAccess.isLoopback(http.getRemoteAddr())
                            ? new HttpServletRequestWrapper(http) {
                                @Override
                                public Principal getUserPrincipal() {
                                    return LOOPBACK;
                                }
                            }
                            : request,
                    response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/actuator/health", "/actuator/health/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
