package org.congressvote.query.recount;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.congressvote.query.parked.ParkedSequence;

/**
 * What a recount found: how many events it replayed from the log and how fast ({@code durationMs} and
 * {@code eventsPerSecond} cover reading the topic and projecting, {@code replayMs}, and writing the fresh views,
 * {@code writeMs}), how many views it compared, and every field where a live view differs from the recount.
 * {@code liveCaughtUp} is false when the live views had not yet processed every event the recount replayed within the
 * wait; {@code quiet} is false when events arrived while the recount ran (a difference may then be theirs: run it
 * again). {@code anomalies} lists events the recount could not apply (an aggregate's event missing from the log, a
 * record it could not read); {@code parked}, the events the live views hold parked for an operator (docs/operations.md):
 * a view of a parked aggregate differs from the recount where the recount applied events the live side parked.
 */
public record RecountReport(
        String database,
        long eventsReplayed,
        long durationMs,
        long eventsPerSecond,
        long replayMs,
        long documentsWritten,
        long writeMs,
        long waitedForLiveMs,
        boolean liveCaughtUp,
        long compareMs,
        int viewsCompared,
        boolean quiet,
        List<Difference> differences,
        List<String> anomalies,
        List<ParkedSequence> parked) {

    /** One field of one view: its value in the live view and in the recount ({@code null} where absent). */
    public record Difference(String view, String id, String field, JsonNode live, JsonNode recount) {}
}
