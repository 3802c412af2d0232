package org.congressvote.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.web.PrometheusAccess;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may read {@code /actuator/prometheus}: with {@code congress.metrics.token} set (CONGRESS_METRICS_TOKEN), a
 * caller sending it as a bearer token; without it, loopback callers only (docs/operations.md, "Metrics").
 */
@Configuration
class MetricsAccess {

    @Bean
    FilterRegistrationBean<Filter> prometheusAccess(CommandServiceProperties properties) {
        return PrometheusAccess.filter(properties.metrics().token());
    }

    /** Counts failed sign-ins and callers told to wait (429), by kind: staff (password) or delegate (card). */
    @Bean
    FilterRegistrationBean<Filter> signInOutcomes(MeterRegistry registry) {
        var staffFailures = failures(registry, "staff");
        var delegateFailures = failures(registry, "delegate");
        var staffThrottled = throttled(registry, "staff");
        var delegateThrottled = throttled(registry, "delegate");
        Filter filter = (ServletRequest request, ServletResponse response, FilterChain chain) -> {
            try {
                chain.doFilter(request, response);
            } finally {
                boolean staff = ((HttpServletRequest) request).getRequestURI().endsWith("/login");
                int status = ((HttpServletResponse) response).getStatus();
                if (status == 401) {
                    (staff ? staffFailures : delegateFailures).increment();
                } else if (status == 429) {
                    (staff ? staffThrottled : delegateThrottled).increment();
                }
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/auth/login", "/api/auth/delegate");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static Counter failures(MeterRegistry registry, String kind) {
        return Counter.builder("congress.signin.failures")
                .description("Sign-ins refused for a wrong password or card code")
                .tag("kind", kind)
                .register(registry);
    }

    private static Counter throttled(MeterRegistry registry, String kind) {
        return Counter.builder("congress.signin.throttled")
                .description("Sign-ins refused because the caller failed too often and must wait (429)")
                .tag("kind", kind)
                .register(registry);
    }
}
