package org.congressvote.query.recount;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.RosterResponse;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.RoundStatus;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.congress.CongressProjection;
import org.congressvote.query.election.ElectionProjection;
import org.congressvote.query.motion.MotionProjection;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.store.MemoryViewStore;
import org.congressvote.query.store.ViewStore;
import org.congressvote.query.web.ViewProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The recount: replays the whole log from the Kafka topic into fresh views, with the same projection classes as the
 * live ones, and compares attendance, roster, every motion's tally and result and every election round's turnout,
 * result and ballots with the live views.
 * <p>
 * The replay runs on one thread into a {@link MemoryViewStore}: every event changes its view document in memory, and
 * the documents are written once, in bulk, into a database of their own ({@code congress_recount_<time>}), from which
 * the projections' own queries read them back for the comparison. The database is dropped at the end. Nothing live is
 * written to, so the recount cannot change what the hall sees; one runs at a time.
 */
@Component
public class Recount {

    private static final Logger log = LoggerFactory.getLogger(Recount.class);
    static final String DATABASE_PREFIX = "congress_recount_";
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private final MongoClient client;
    private final CongressProjection liveCongresses;
    private final MotionProjection liveMotions;
    private final ElectionProjection liveElections;
    private final EventProcessingConfiguration processing;
    private final TopicReplay topic;
    private final ObjectMapper json;
    private final Duration liveWait;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ParkedEvents parked;
    private static final int PARKED_LISTED = 1_000;

    @SuppressWarnings("unchecked")
    Recount(
            MongoClient client,
            CongressProjection liveCongresses,
            MotionProjection liveMotions,
            ElectionProjection liveElections,
            EventProcessingConfiguration processing,
            KafkaProperties kafka,
            KafkaMessageConverter<?, ?> kafkaMessageConverter,
            ObjectMapper json,
            ParkedEvents parked,
            QueryServiceProperties properties) {
        Duration liveWait = properties.recount().liveWait();
        this.client = client;
        this.liveCongresses = liveCongresses;
        this.liveMotions = liveMotions;
        this.liveElections = liveElections;
        this.processing = processing;
        this.topic = new TopicReplay(
                kafka.buildConsumerProperties(), kafka.getDefaultTopic(), (KafkaMessageConverter<String, byte[]>)
                        kafkaMessageConverter);
        this.json = json;
        this.liveWait = liveWait;
        this.parked = parked;
    }

    public RecountReport run() {
        if (!running.compareAndSet(false, true)) {
            throw new ViewProblem(
                    ErrorCode.RECOUNT_IN_PROGRESS,
                    "A recount is running already. Its report comes in a few seconds; ask again after it.");
        }
        try {
            dropLeftovers();
            String name = DATABASE_PREFIX + System.currentTimeMillis();
            MongoDatabase fresh = client.getDatabase(name);
            try {
                return recountInto(name, fresh);
            } finally {
                fresh.drop();
            }
        } finally {
            running.set(false);
        }
    }

    private RecountReport recountInto(String name, MongoDatabase fresh) {
        MemoryViewStore memory = new MemoryViewStore();
        CongressProjection congresses = new CongressProjection(fresh, memory, ChangeListener.NONE);
        MotionProjection motions = new MotionProjection(fresh, memory, ChangeListener.NONE);
        ElectionProjection elections = new ElectionProjection(fresh, memory, ChangeListener.NONE);
        List<EventMessageHandler> handlers = List.of(
                new AnnotationEventHandlerAdapter(congresses),
                new AnnotationEventHandlerAdapter(motions),
                new AnnotationEventHandlerAdapter(elections));

        long start = System.nanoTime();
        TopicReplay.Result replay = topic.replay(handlers);
        long replayed = System.nanoTime();
        long written = memory.writeTo(fresh);
        long durationNanos = System.nanoTime() - start;

        long waitStart = System.nanoTime();
        boolean caughtUp = awaitLive(replay.lastOffsets());
        long waited = millis(System.nanoTime() - waitStart);

        long compareStart = System.nanoTime();
        ViewComparison comparison = new ViewComparison(json);
        compareCongresses(comparison, congresses);
        compareMotions(comparison, motions);
        compareElections(comparison, elections);
        long compared = millis(System.nanoTime() - compareStart);

        boolean quiet = replay.quiet() && nothingNewSince(replay.lastOffsets());
        long durationMs = Math.max(1, millis(durationNanos));
        RecountReport report = new RecountReport(
                name,
                replay.events(),
                durationMs,
                replay.events() * 1_000_000_000L / Math.max(1, durationNanos),
                millis(replayed - start),
                written,
                millis(start + durationNanos - replayed),
                waited,
                caughtUp,
                compared,
                comparison.viewsCompared(),
                quiet,
                comparison.differences(),
                replay.anomalies(),
                parked.list(PARKED_LISTED, PARKED_LISTED));
        log.info(
                "Recount: {} events replayed in {} ms and {} view documents written in {} ms ({} events/s); {} "
                        + "views compared in {} ms; {} difference(s){}",
                report.eventsReplayed(),
                report.replayMs(),
                written,
                report.writeMs(),
                report.eventsPerSecond(),
                report.viewsCompared(),
                compared,
                report.differences().size(),
                caughtUp ? "" : " (the live views had not caught up after " + liveWait.toSeconds() + " s)");
        return report;
    }

    private void compareCongresses(ViewComparison comparison, CongressProjection recount) {
        for (String id : union(liveCongresses.congressIds(), recount.congressIds())) {
            comparison.compare(
                    "congress",
                    id,
                    liveCongresses.handle(new FetchCongressQuery(id)),
                    recount.handle(new FetchCongressQuery(id)));
            Map<String, RosterResponse.Delegate> live = roster(liveCongresses, id);
            Map<String, RosterResponse.Delegate> counted = roster(recount, id);
            for (String delegate : union(live.keySet(), counted.keySet())) {
                comparison.compare(
                        "delegate",
                        id + "/" + delegate,
                        Optional.ofNullable(live.get(delegate)),
                        Optional.ofNullable(counted.get(delegate)));
            }
        }
    }

    private void compareMotions(ViewComparison comparison, MotionProjection recount) {
        for (String id : union(liveMotions.motionIds(), recount.motionIds())) {
            comparison.compare(
                    "motion", id, liveMotions.handle(new FetchTallyQuery(id)), recount.handle(new FetchTallyQuery(id)));
            comparison.compare(
                    "votesCounted", id, Optional.of(liveMotions.liveCounts(id)), Optional.of(recount.liveCounts(id)));
        }
    }

    private void compareElections(ViewComparison comparison, ElectionProjection recount) {
        for (String id : union(liveElections.electionIds(), recount.electionIds())) {
            Optional<ElectionResponse> live = liveElections.handle(new FetchElectionQuery(id));
            Optional<ElectionResponse> counted = recount.handle(new FetchElectionQuery(id));
            comparison.compare("election", id, live.map(Recount::withoutRounds), counted.map(Recount::withoutRounds));
            Map<String, ElectionResponse.Round> liveRounds = rounds(live);
            Map<String, ElectionResponse.Round> countedRounds = rounds(counted);
            for (String roundId : union(liveRounds.keySet(), countedRounds.keySet())) {
                ElectionResponse.Round round =
                        Optional.ofNullable(liveRounds.get(roundId)).orElse(countedRounds.get(roundId));
                comparison.compare(
                        "round",
                        roundId,
                        Optional.ofNullable(liveRounds.get(roundId)),
                        Optional.ofNullable(countedRounds.get(roundId)));
                comparison.compare(
                        "turnoutCounted",
                        roundId,
                        Optional.of(liveElections.turnout(roundId)),
                        Optional.of(recount.turnout(roundId)));
                if (round.status() == RoundStatus.CLOSED) {
                    FetchPublishedBallotsQuery ballots = new FetchPublishedBallotsQuery(id, round.round());
                    comparison.compare("ballots", roundId, liveElections.handle(ballots), recount.handle(ballots));
                }
            }
        }
    }

    private static ElectionResponse withoutRounds(ElectionResponse election) {
        return election.withoutRounds();
    }

    private static Map<String, ElectionResponse.Round> rounds(Optional<ElectionResponse> election) {
        return election.<Map<String, ElectionResponse.Round>>map(e -> e.rounds().stream()
                        .collect(Collectors.toMap(
                                ElectionResponse.Round::roundId, Function.identity(), (a, b) -> a, LinkedHashMap::new)))
                .orElse(Map.of());
    }

    private static Map<String, RosterResponse.Delegate> roster(CongressProjection projection, String congressId) {
        return projection
                .handle(new FetchRosterQuery(congressId))
                .<Map<String, RosterResponse.Delegate>>map(r -> r.delegates().stream()
                        .collect(Collectors.toMap(
                                RosterResponse.Delegate::delegateId,
                                Function.identity(),
                                (a, b) -> a,
                                LinkedHashMap::new)))
                .orElse(Map.of());
    }

    /** Waits until every live processor has handled the last record the recount read in every partition. */
    private boolean awaitLive(Map<TopicPartition, Long> lastOffsets) {
        long deadline = System.nanoTime() + liveWait.toNanos();
        while (!liveCaughtUp(lastOffsets)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean liveCaughtUp(Map<TopicPartition, Long> lastOffsets) {
        for (String group : List.of(ViewStore.PROCESSING_GROUP)) {
            Optional<TrackingEventProcessor> processor =
                    processing.eventProcessorByProcessingGroup(group, TrackingEventProcessor.class);
            if (processor.isEmpty()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> segments = processor.get().processingStatus();
            if (segments.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : segments.values()) {
                TrackingToken token = WrappedToken.unwrapUpperBound(segment.getTrackingToken());
                if (!(token instanceof KafkaTrackingToken position)) {
                    return lastOffsets.isEmpty();
                }
                for (Map.Entry<TopicPartition, Long> last : lastOffsets.entrySet()) {
                    if (position.getPositions().getOrDefault(last.getKey(), -1L) < last.getValue()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean nothingNewSince(Map<TopicPartition, Long> lastOffsets) {
        for (Map.Entry<TopicPartition, Long> end : topic.endOffsets().entrySet()) {
            if (end.getValue() > lastOffsets.getOrDefault(end.getKey(), -1L) + 1) {
                return false;
            }
        }
        return true;
    }

    /* A recount that died half-way (the service killed) leaves its database behind. */
    private void dropLeftovers() {
        try {
            long cutoff = System.currentTimeMillis() - LEFTOVER_AGE.toMillis();
            List<String> names = new ArrayList<>();
            client.listDatabaseNames().forEach(names::add);
            for (String name : names) {
                if (name.startsWith(DATABASE_PREFIX)) {
                    try {
                        if (Long.parseLong(name.substring(DATABASE_PREFIX.length())) < cutoff) {
                            client.getDatabase(name).drop();
                        }
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for databases left by earlier recounts: {}", e.toString());
        }
    }

    private static <T> Set<T> union(Collection<T> a, Collection<T> b) {
        Set<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
