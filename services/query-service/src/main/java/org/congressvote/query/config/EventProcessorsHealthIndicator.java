package org.congressvote.query.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the projections' event processors ({@code eventProcessors} in /actuator/health): DOWN while one of them
 * is failing and retrying (MongoDB or Kafka away, or replaying after the view store lost writes), so that what the
 * views show is known to lag.
 */
@Component
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("The event processors' status could not be read");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean failing = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof TrackingEventProcessor processor)) {
                continue;
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            String error = processor.isError() ? "stopped by an error" : null;
            for (EventTrackerStatus segment : processor.processingStatus().values()) {
                if (segment.isErrorState() && segment.getError() != null) {
                    error = segment.getError().toString();
                }
                status.put("caughtUp", segment.isCaughtUp());
            }
            if (error != null) {
                status.put("error", error);
                failing = true;
            }
            details.put(entry.getKey(), status);
        }
        (failing ? builder.down() : builder.up()).withDetails(details);
    }
}
