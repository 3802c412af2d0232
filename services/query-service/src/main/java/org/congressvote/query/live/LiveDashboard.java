package org.congressvote.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionTallyResponse;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.web.ViewProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the congress (summary and attendance), the motions' tallies and the elections' rounds to the open live
 * streams of each congress. An election shows its turnout while a round is open and its result once closed, nothing
 * else: the stream carries only what the public views show.
 * <p>
 * Projections only mark a view as changed; every {@code congress.live.coalesce} one scheduler thread reads each
 * changed view once and sends it to every stream of its congress. At 2,000 votes a second a motion's tally is thus
 * read about ten times a second, not 2,000. All sends happen on that thread, so each stream sees its snapshot first
 * and then the changes in order. Each update is serialised once, to the same bytes for every stream.
 * <p>
 * Streams are capped in total ({@code congress.live.max-viewers}) and per client address
 * ({@code congress.live.max-viewers-per-client}): one more is refused with 503 LIVE_VIEWERS_FULL and Retry-After
 * before anything is read for it.
 */
@Component
public class LiveDashboard implements ChangeListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveDashboard.class);

    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Duration streamTimeout;
    private final int maxViewers;
    private final int maxViewersPerClient;
    private final long retryAfterSeconds;
    /** Seats taken, in total and by client address; guarded by {@code seats}. */
    private final Object seats = new Object();

    private int seated;
    private int seatedOnWebPort;
    private final int maxWebPortViewers;
    private final Map<String, Integer> seatedByClient = new java.util.HashMap<>();
    private final Map<String, Set<LiveStream>> streamsByCongress = new ConcurrentHashMap<>();
    private final Queue<LiveStream> awaitingSnapshot = new ConcurrentLinkedQueue<>();
    private final Set<String> changedAttendance = ConcurrentHashMap.newKeySet();
    /** motionId to congressId. */
    private final Map<String, String> changedTallies = new ConcurrentHashMap<>();
    /** electionId to congressId. */
    private final Map<String, String> changedElections = new ConcurrentHashMap<>();

    private volatile boolean running;
    private final List<Transport> transports = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A server that writes streams' events on its own threads (LiveServer). */
    interface Transport {

        /** Returns once every event handed to it so far is written out (or its client dropped). */
        void awaitSent();
    }

    void addTransport(Transport transport) {
        transports.add(transport);
    }

    LiveDashboard(QueryGateway queries, ObjectMapper json, QueryServiceProperties properties) {
        this.queries = queries;
        this.json = json;
        this.streamTimeout = properties.live().streamTimeout();
        this.maxViewers = properties.live().maxViewers();
        this.maxViewersPerClient = properties.live().maxViewersPerClient();
        this.maxWebPortViewers = properties.live().maxWebPortViewers();
        this.retryAfterSeconds = properties.live().retryAfter().toSeconds();
    }

    /**
     * Takes a seat for one more stream of this client, or refuses it (503 LIVE_VIEWERS_FULL, Retry-After) when the
     * service or this client has as many as allowed. A seat taken is given back by {@link #release} or when its
     * stream ends.
     */
    void seat(String client) {
        seat(client, false);
    }

    /**
     * The same for a stream on the web port (Tomcat), which also counts against {@code congress.live.max-web-port-viewers}:
     * a servlet stream costs about 90 KB of heap, so its cap keeps the service within its memory.
     */
    void seat(String client, boolean webPort) {
        synchronized (seats) {
            if (webPort && seatedOnWebPort >= maxWebPortViewers) {
                throw new ViewProblem(
                        ErrorCode.LIVE_VIEWERS_FULL,
                        "This server's web port already sends the live results to " + maxWebPortViewers
                                + " viewers, as many as it may; try again in " + retryAfterSeconds + " s.",
                        retryAfterSeconds);
            }
            if (seated >= maxViewers) {
                throw new ViewProblem(
                        ErrorCode.LIVE_VIEWERS_FULL,
                        "This server already sends the live results to " + maxViewers + " viewers, as many as it "
                                + "may; try again in " + retryAfterSeconds + " s.",
                        retryAfterSeconds);
            }
            int mine = seatedByClient.getOrDefault(client, 0);
            if (mine >= maxViewersPerClient) {
                throw new ViewProblem(
                        ErrorCode.LIVE_VIEWERS_FULL,
                        "Your address already has " + maxViewersPerClient + " live streams open, as many as one "
                                + "address may; close one or try again in " + retryAfterSeconds + " s.",
                        retryAfterSeconds);
            }
            seated++;
            seatedByClient.put(client, mine + 1);
            if (webPort) {
                seatedOnWebPort++;
            }
        }
    }

    /** Seats taken now, in all (streams the server has not yet seen closed included). */
    int seated() {
        synchronized (seats) {
            return seated;
        }
    }

    /** Gives back a seat taken by {@link #seat} for a stream that was not opened. */
    void release(String client) {
        release(client, false);
    }

    void release(String client, boolean webPort) {
        synchronized (seats) {
            seated--;
            if (webPort) {
                seatedOnWebPort--;
            }
            seatedByClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
        }
    }

    @Override
    public void attendanceChanged(String congressId) {
        if (streamsByCongress.containsKey(congressId)) {
            changedAttendance.add(congressId);
        }
    }

    @Override
    public void tallyChanged(String congressId, String motionId) {
        if (streamsByCongress.containsKey(congressId)) {
            changedTallies.put(motionId, congressId);
        }
    }

    @Override
    public void electionChanged(String congressId, String electionId) {
        if (streamsByCongress.containsKey(congressId)) {
            changedElections.put(electionId, congressId);
        }
    }

    /** Whether a stream of this congress is open now: then it exists (congresses are never removed). */
    boolean watched(String congressId) {
        return streamsByCongress.containsKey(congressId);
    }

    /** Open streams, for the live-viewers gauge. */
    public int viewers() {
        return streamsByCongress.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Opens a stream on a seat the client took ({@link #seat}); its first events (the current state) follow within
     * one coalescing interval.
     */
    SseEmitter open(String congressId, String client) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        LiveStream stream = open(congressId, client, true, new LiveStream.Sink() {
            @Override
            public boolean send(LiveEvent event) {
                try {
                    emitter.send(event.emitterEvent());
                    return true;
                } catch (IOException | IllegalStateException e) {
                    return false; // the client went away
                }
            }

            @Override
            public void end() {
                try {
                    emitter.complete();
                } catch (RuntimeException e) {
                    // already completed by its client going away
                }
            }
        });
        emitter.onCompletion(() -> drop(stream));
        // Completing on timeout ends the response quietly; the browser's EventSource reconnects by itself.
        emitter.onTimeout(() -> {
            drop(stream);
            emitter.complete();
        });
        emitter.onError(e -> drop(stream));
        return emitter;
    }

    /**
     * Opens a stream on a seat the client took ({@link #seat}) over any transport; its first events (the current
     * state) follow within one coalescing interval. {@link #drop} ends it.
     */
    LiveStream open(String congressId, String client, LiveStream.Sink sink) {
        return open(congressId, client, false, sink);
    }

    private LiveStream open(String congressId, String client, boolean webPort, LiveStream.Sink sink) {
        LiveStream stream = new LiveStream(congressId, client, webPort, sink);
        streamsByCongress.compute(congressId, (id, streams) -> {
            Set<LiveStream> set = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            set.add(stream);
            return set;
        });
        awaitingSnapshot.add(stream);
        return stream;
    }

    /** How long a stream may stay open before it is ended (the client reconnects). */
    Duration streamTimeout() {
        return streamTimeout;
    }

    /** Streams open now, over all congresses. */
    public int openStreams() {
        return streamsByCongress.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown, which would otherwise wait its full timeout
     * for these never-ending responses. Browsers reconnect by themselves, to another instance if there is one.
     */
    @Override
    public void stop() {
        running = false;
        streamsByCongress
                .values()
                .forEach(streams -> streams.forEach(stream -> {
                    drop(stream);
                    stream.sink().end();
                }));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (graceful shutdown phase is DEFAULT_PHASE - 1024). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Scheduled(fixedDelayString = "${congress.live.coalesce:50ms}")
    void publishChanges() {
        Map<String, List<LiveStream>> newStreams = new LinkedHashMap<>();
        for (LiveStream stream; (stream = awaitingSnapshot.poll()) != null; ) {
            newStreams
                    .computeIfAbsent(stream.congressId(), c -> new ArrayList<>())
                    .add(stream);
        }
        newStreams.forEach(this::sendSnapshot);
        try {
            for (String congressId : List.copyOf(changedAttendance)) {
                changedAttendance.remove(congressId);
                Set<LiveStream> streams = streamsByCongress.get(congressId);
                if (streams != null) {
                    attendance(congressId).map(a -> event("attendance", a)).ifPresent(e -> sendAll(streams, e));
                    congress(congressId).map(c -> event("congress", c)).ifPresent(e -> sendAll(streams, e));
                }
            }
            for (Map.Entry<String, String> change : List.copyOf(changedTallies.entrySet())) {
                changedTallies.remove(change.getKey());
                Set<LiveStream> streams = streamsByCongress.get(change.getValue());
                if (streams != null) {
                    tally(change.getKey()).map(t -> event("tally", t)).ifPresent(e -> sendAll(streams, e));
                }
            }
            for (Map.Entry<String, String> change : List.copyOf(changedElections.entrySet())) {
                changedElections.remove(change.getKey());
                Set<LiveStream> streams = streamsByCongress.get(change.getValue());
                if (streams != null) {
                    election(change.getKey()).map(e -> event("election", e)).ifPresent(e -> sendAll(streams, e));
                }
            }
        } finally {
            transports.forEach(Transport::awaitSent);
        }
    }

    @Scheduled(fixedDelayString = "${congress.live.heartbeat:15s}")
    void heartbeat() {
        // a named event with data: EventSource hands comments (and data-less events) to no listener, so the page's
        // watchdog would never see a comment and replaced a quiet stream every 40 s
        LiveEvent beat = LiveEvent.text("heartbeat", Instant.now().toString());
        streamsByCongress.values().forEach(streams -> sendAll(streams, beat));
        transports.forEach(Transport::awaitSent);
    }

    /**
     * The current state of a congress to the streams opened since the last tick: read once and serialised once for
     * all of them, however many viewers arrive together.
     */
    private void sendSnapshot(String congressId, List<LiveStream> streams) {
        List<LiveEvent> snapshot = new ArrayList<>();
        try {
            attendance(congressId).ifPresent(a -> snapshot.add(event("attendance", a)));
            congress(congressId).ifPresent(c -> snapshot.add(event("congress", c)));
            queries.query(
                            new FetchMotionTalliesQuery(congressId),
                            ResponseTypes.multipleInstancesOf(MotionTallyResponse.class))
                    .join()
                    .forEach(t -> snapshot.add(event("tally", t)));
            queries.query(
                            new FetchElectionsQuery(congressId),
                            ResponseTypes.multipleInstancesOf(ElectionResponse.class))
                    .join()
                    .forEach(e -> snapshot.add(event("election", e)));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not read the current state for {} live streams of congress {}: {}",
                    streams.size(),
                    congressId,
                    e.toString());
            streams.forEach(stream -> {
                drop(stream);
                stream.sink().end();
            });
            return;
        }
        for (LiveStream stream : streams) {
            snapshot.forEach(event -> send(stream, event));
        }
    }

    private Optional<AttendanceResponse> attendance(String congressId) {
        return read(queries.query(
                new FetchAttendanceQuery(congressId), ResponseTypes.optionalInstanceOf(AttendanceResponse.class)));
    }

    private Optional<CongressResponse> congress(String congressId) {
        return read(queries.query(
                new FetchCongressQuery(congressId), ResponseTypes.optionalInstanceOf(CongressResponse.class)));
    }

    private Optional<MotionTallyResponse> tally(String motionId) {
        return read(queries.query(
                new FetchTallyQuery(motionId), ResponseTypes.optionalInstanceOf(MotionTallyResponse.class)));
    }

    private Optional<ElectionResponse> election(String electionId) {
        return read(queries.query(
                new FetchElectionQuery(electionId), ResponseTypes.optionalInstanceOf(ElectionResponse.class)));
    }

    /* A failed read skips this round: the next change of the view sends it again. */
    private <T> Optional<T> read(CompletableFuture<Optional<T>> result) {
        try {
            return result.join();
        } catch (RuntimeException e) {
            log.warn("Live view not refreshed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The event, serialised once: the same bytes go to every stream (JSON written as the web layer writes it). */
    private LiveEvent event(String name, Object data) {
        try {
            return LiveEvent.json(name, json.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view's record is always JSON", e);
        }
    }

    private void sendAll(Set<LiveStream> streams, LiveEvent event) {
        streams.forEach(stream -> send(stream, event));
    }

    private void send(LiveStream stream, LiveEvent event) {
        if (stream.open() && !stream.sink().send(event)) {
            // The client went away, or fell too far behind: forget it without noise; its EventSource reconnects.
            drop(stream);
            stream.sink().end();
        }
    }

    void drop(LiveStream stream) {
        if (stream.close()) {
            release(stream.client(), stream.webPort());
        }
        streamsByCongress.computeIfPresent(stream.congressId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }
}
