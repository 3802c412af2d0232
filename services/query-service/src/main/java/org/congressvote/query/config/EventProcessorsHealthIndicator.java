package org.congressvote.query.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.parked.ParkedSequence;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the projections' event processors ({@code eventProcessors} in /actuator/health): DOWN while one of them
 * is failing and retrying (MongoDB or Kafka away, or replaying after the view store lost writes), so that what the
 * views show is known to lag. Events parked in the dead-letter queue ({@code parked}: how many aggregates and events,
 * and the first ones) hold up only their own aggregates' views, so they are listed but leave the health UP.
 */
@Component
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private static final int LISTED = 20;

    private final EventProcessingConfiguration processing;
    private final ParkedEvents parked;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ParkedEvents parked) {
        super("The event processors' status could not be read");
        this.processing = processing;
        this.parked = parked;
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
        // Parked events hold up their aggregates' views only: the processor goes on, so they do not make it DOWN.
        Map<String, Object> parkedDetails = new LinkedHashMap<>();
        try {
            List<ParkedSequence> sequences = parked.list(LISTED, 3);
            parkedDetails.put("sequences", sequences.size() < LISTED ? sequences.size() : parked.amountOfSequences());
            parkedDetails.put("events", parked.size());
            parkedDetails.put("items", sequences);
        } catch (RuntimeException e) {
            parkedDetails.put("error", "could not be read: " + e);
        }
        details.put("parked", parkedDetails);
        (failing ? builder.down() : builder.up()).withDetails(details);
    }
}
