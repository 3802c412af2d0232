package org.congressvote.command.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds the commands the service cannot take in time: at most {@code concurrency} commands (every POST, PUT, PATCH
 * and DELETE under {@code /api/}) run at once, at most {@code queue} more wait for a place, each at most
 * {@code max-wait}; any other is answered at once with {@link ErrorCode#OVERLOADED} (503, Retry-After) and changes
 * nothing. A phone that retries with the same requestId gets the vote counted once (docs/api.md). Reads (pages,
 * health, metrics, GETs) are never shed, so operators can watch an overload. Before Spring Security, so a shed
 * request costs no session look-up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CommandAdmission extends OncePerRequestFilter {

    private final Semaphore running;
    private final int queue;
    private final long maxWaitNanos;
    private final long retryAfterSeconds;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter shedFull;
    private final Counter shedWaited;

    CommandAdmission(CommandServiceProperties properties, MeterRegistry registry) {
        CommandServiceProperties.Admission admission = properties.web().admission();
        int concurrency = admission.concurrency();
        int queue = admission.queue();
        java.time.Duration maxWait = admission.maxWait();
        long retryAfterSeconds = admission.retryAfter().toSeconds();
        this.running = new Semaphore(concurrency, true);
        this.queue = queue;
        this.maxWaitNanos = maxWait.toNanos();
        this.retryAfterSeconds = retryAfterSeconds;
        this.shedFull = shed(registry, "queue_full");
        this.shedWaited = shed(registry, "waited_too_long");
        Gauge.builder("congress.commands.waiting", waiting, AtomicInteger::get)
                .description("Commands waiting for a place to run (congress.web.admission.queue at most)")
                .register(registry);
        Gauge.builder("congress.commands.running", running, s -> concurrency - s.availablePermits())
                .description("Commands running now (congress.web.admission.concurrency at most)")
                .register(registry);
    }

    private static Counter shed(MeterRegistry registry, String reason) {
        return Counter.builder("congress.commands.shed")
                .description("Commands answered 503 OVERLOADED without being run, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/api/")
                || "GET".equals(method)
                || "HEAD".equals(method)
                || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                shedFull.increment();
                overloaded(response);
                return;
            }
            boolean admitted;
            try {
                admitted = maxWaitNanos > 0 && running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            } finally {
                waiting.decrementAndGet();
            }
            if (!admitted) {
                shedWaited.increment();
                overloaded(response);
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            running.release();
        }
    }

    private void overloaded(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        Problems.write(
                response,
                ErrorCode.OVERLOADED,
                "The server is taking more requests than it can answer in time; nothing was changed. Send the same "
                        + "request again in " + retryAfterSeconds + " s.");
    }
}
