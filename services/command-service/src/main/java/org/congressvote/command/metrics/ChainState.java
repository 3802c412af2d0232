package org.congressvote.command.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.audit.ChainVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Verifies the log's hash chain in the background every {@code congress.metrics.chain-verify-interval} and shows the
 * result as a gauge: 1 intact, 0 broken, NaN not verified yet (or the verification itself failed).
 */
@Component
class ChainState implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChainState.class);

    private final DataSource dataSource;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "chain-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration grace;
    private volatile double intact = Double.NaN;
    private volatile double verifiedAt = Double.NaN;

    ChainState(DataSource dataSource, MeterRegistry registry, CommandServiceProperties properties) {
        Duration interval = properties.metrics().chainVerifyInterval();
        this.dataSource = dataSource;
        this.grace = properties.audit().chainGrace();
        Gauge.builder("congress.chain.intact", () -> intact)
                .description("1 when the last verification found the log's hash chain intact, 0 when broken")
                .register(registry);
        Gauge.builder("congress.chain.verified.timestamp.seconds", () -> verifiedAt)
                .description("When the chain was last verified (Unix time)")
                .register(registry);
        scheduler.scheduleWithFixedDelay(this::verify, 30_000, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void verify() {
        try {
            ChainVerifier.Verification result = ChainVerifier.verify(dataSource, grace);
            intact = result.intact() ? 1 : 0;
            verifiedAt = System.currentTimeMillis() / 1000.0;
            if (!result.intact()) {
                log.error("The log's hash chain is broken at position {}", result.brokenAtPosition());
            }
        } catch (Exception e) {
            intact = Double.NaN;
            log.warn("Could not verify the log's hash chain: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
