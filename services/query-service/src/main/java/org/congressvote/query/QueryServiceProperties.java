package org.congressvote.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the query-service ({@code congress.*} in application.yml), with its default, in one place; times
 * are {@link Duration}s ("50ms", "30s", "30m"). Checked when the service starts: a setting that cannot work stops it
 * with a sentence saying why.
 */
@ConfigurationProperties("congress")
public record QueryServiceProperties(
        @DefaultValue Tally tally,
        @DefaultValue Recount recount,
        @DefaultValue Live live,
        @DefaultValue Mongo mongo,
        @DefaultValue Tokens tokens,
        @DefaultValue Parked parked,
        @DefaultValue Metrics metrics,
        @DefaultValue Operator operator,
        @DefaultValue LogHeads logHeads) {

    /**
     * @param duplicateWindow     members each partition's counter remembers, to recognise a vote the publisher sent twice
     * @param publisherBatchSize  the command side's publisher batch (congress.kafka-publisher.batch-size there): after
     *                            a failure it sends at most that many records again, so the window must be larger
     */
    public record Tally(
            @DefaultValue("500") int duplicateWindow,
            @DefaultValue("200") int publisherBatchSize) {
        public Tally {
            if (duplicateWindow <= publisherBatchSize) {
                throw new IllegalArgumentException("congress.tally.duplicate-window (" + duplicateWindow + ") must be "
                        + "larger than the command side's publisher batch (congress.tally.publisher-batch-size, "
                        + publisherBatchSize + "): a vote published twice after a failure would be counted twice.");
            }
        }
    }

    /** @param liveWait how long a recount waits for the live views to have processed what it replayed */
    public record Recount(@DefaultValue("30s") Duration liveWait) {}

    /**
     * @param maxViewers         live streams open at once, over all congresses and clients; one more is answered 503
     *                           LIVE_VIEWERS_FULL with Retry-After (docs/operations.md, "Live viewers")
     * @param maxViewersPerClient live streams open at once from one client address (a hall's phones behind one NAT
     *                           share one), answered the same past it
     * @param retryAfter         the Retry-After of those answers
     * @param port               the live stream's own port (LiveServer): -1 off, 0 any free port
     * @param address            the address it listens on
     * @param ioThreads          its event-loop threads
     * @param viewerBacklog      unsent bytes past which a viewer is dropped (its EventSource reconnects)
     * @param redirect           send the web port's stream callers to the live port (307), when it is on
     * @param publicUrl          the live port as clients reach it (behind a proxy); empty: the caller's host
     * @param maxWebPortViewers  of those, streams the web port (Tomcat) serves at once: each costs ~90 KB of heap
     */
    public record Live(
            @DefaultValue("50ms") Duration coalesce,
            @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("30m") Duration streamTimeout,
            @DefaultValue("10000") int maxViewers,
            @DefaultValue("500") int maxViewersPerClient,
            @DefaultValue("10s") Duration retryAfter,
            @DefaultValue("-1") int port,
            @DefaultValue("0.0.0.0") String address,
            @DefaultValue("2") int ioThreads,
            @DefaultValue("64KB") DataSize viewerBacklog,
            @DefaultValue("true") boolean redirect,
            @DefaultValue("") String publicUrl,
            @DefaultValue("2000") int maxWebPortViewers) {
        public Live {
            if (port < -1 || port > 65535 || ioThreads < 1 || maxWebPortViewers < 1 || viewerBacklog.toBytes() < 1024) {
                throw new IllegalArgumentException("congress.live.port (" + port + ") must be -1 (off), 0 (any free"
                        + " port) or a port; congress.live.io-threads (" + ioThreads + ") at least 1;"
                        + " congress.live.viewer-backlog (" + viewerBacklog + ") at least 1KB;"
                        + " congress.live.max-web-port-viewers (" + maxWebPortViewers + ") at least 1.");
            }
            if (maxViewers < 1 || maxViewersPerClient < 1 || maxViewersPerClient > maxViewers) {
                throw new IllegalArgumentException("congress.live.max-viewers (" + maxViewers + ") and "
                        + "congress.live.max-viewers-per-client (" + maxViewersPerClient + ") must be at least 1, "
                        + "the second no larger than the first.");
            }
            if (retryAfter.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "congress.live.retry-after (" + retryAfter + ") must be at least 1s: it is sent in seconds.");
            }
        }
    }

    public record Mongo(
            @DefaultValue("3s") Duration serverSelectionTimeout,
            @DefaultValue("2s") Duration connectTimeout) {}

    public record Tokens(@DefaultValue("10s") Duration claimTimeout) {}

    public record Parked(
            @DefaultValue("10000") int maxSequences,
            @DefaultValue("100000") int maxSequenceSize) {}

    /** @param token empty: /actuator/prometheus answers loopback callers only */
    public record Metrics(@DefaultValue("") String token) {}

    /** @param token empty: nobody may drop parked events */
    public record Operator(@DefaultValue("") String token) {}

    /**
     * @param topic the topic the command side publishes every signed tree head to
     * @param read  false: no reader is started (slices of the web layer in tests, which have no broker)
     */
    public record LogHeads(
            @DefaultValue("congress-log-heads") String topic,
            @DefaultValue("true") boolean read) {}
}
