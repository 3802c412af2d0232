package org.congressvote.query.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.congressvote.query.parked.ParkedEvents;
import org.springframework.stereotype.Component;

/** How many events the views have parked (docs/operations.md: any above 0 means a view is wrong until handled). */
@Component
class ParkedGauge {

    ParkedGauge(ParkedEvents parked, MeterRegistry registry) {
        Gauge.builder("congress.parked.events", parked, p -> {
                    try {
                        return p.size();
                    } catch (RuntimeException storeAway) {
                        return Double.NaN;
                    }
                })
                .description("Events the views could not apply, parked with their aggregate's later events")
                .register(registry);
        Gauge.builder("congress.parked.sequences", parked, p -> {
                    try {
                        return p.amountOfSequences();
                    } catch (RuntimeException storeAway) {
                        return Double.NaN;
                    }
                })
                .description("Aggregates whose events are parked")
                .register(registry);
    }
}
