package org.congressvote.query.config;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link MongoTokenStore} with one guard more: the token a processor stored last must still be in the store
 * when it extends its claim (at the start of every batch, and every second while idle) and when it stores the next
 * one.
 * <p>
 * Why: the MongoDB-wire server we run on H2 loses about its last second of writes when it is killed, projections and
 * tokens alike, and comes back on that older state while this service keeps running. The processor still holds the
 * newer position in memory; left alone it would store it over the older token and never replay the events whose view
 * writes were lost. Each token document carries a {@code version} that this node increments with every token it
 * stores; a version other than the one it knows means the store went back in time. The guard then fails the batch, and
 * the processor does what it does after any failure: releases its claim, waits a second, fetches the token from the
 * store again and replays from there. The views ignore what they had already applied (see {@code ViewStore}).
 */
final class GuardedTokenStore implements TokenStore {

    private static final Logger log = LoggerFactory.getLogger(GuardedTokenStore.class);
    private static final String VERSION = "version";

    private final MongoTokenStore delegate;
    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final String nodeId;
    private final Runnable onRevert;
    /** "processor/segment" to the version of the token document this node fetched or stored last. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    GuardedTokenStore(
            MongoTokenStore delegate,
            MongoCollection<Document> tokens,
            Serializer serializer,
            String nodeId,
            Runnable onRevert) {
        this.delegate = delegate;
        this.tokens = tokens;
        this.serializer = serializer;
        this.nodeId = nodeId;
        this.onRevert = onRevert;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        Bson entry = entry(processorName, segment);
        // Tokens stored before this guard existed have no version yet.
        tokens.updateOne(and(entry, eq("owner", nodeId), exists(VERSION, false)), set(VERSION, 0L));
        Document stored =
                tokens.find(entry).projection(Projections.include(VERSION)).first();
        Number version = stored == null ? null : stored.get(VERSION, Number.class);
        if (version == null) {
            versions.remove(key(processorName, segment));
        } else {
            versions.put(key(processorName, segment), version.longValue());
        }
        return token;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Long known = versions.get(key(processorName, segment));
        if (known == null) {
            delegate.storeToken(token, processorName, segment);
            return;
        }
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        UpdateResult result = tokens.updateOne(
                and(entry(processorName, segment), eq("owner", nodeId), eq(VERSION, known)),
                combine(
                        set("timestamp", Instant.now().toEpochMilli()),
                        set("token", serialized == null ? null : serialized.getData()),
                        set(
                                "tokenType",
                                serialized == null ? null : serialized.getType().getName()),
                        set(VERSION, known + 1)));
        if (result.getMatchedCount() == 0) {
            throw refused(processorName, segment, known);
        }
        versions.put(key(processorName, segment), known + 1);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Long known = versions.get(key(processorName, segment));
        if (known == null) {
            delegate.extendClaim(processorName, segment);
            return;
        }
        UpdateResult result = tokens.updateOne(
                and(entry(processorName, segment), eq("owner", nodeId), eq(VERSION, known)),
                set("timestamp", Instant.now().toEpochMilli()));
        if (result.getMatchedCount() == 0) {
            throw refused(processorName, segment, known);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        versions.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    private RuntimeException refused(String processorName, int segment, long known) {
        versions.remove(key(processorName, segment));
        Document stored = tokens.find(entry(processorName, segment)).first();
        if (stored == null || !nodeId.equals(stored.getString("owner"))) {
            return new UnableToClaimTokenException(
                    "The token of " + processorName + "[" + segment + "] is no longer claimed by this node.");
        }
        Number version = stored.get(VERSION, Number.class);
        log.warn(
                "The token of {}[{}] in MongoDB is at version {}, but this node stored version {}: the store has "
                        + "lost writes (restarted on an older state). The processor replays from the stored token.",
                processorName,
                segment,
                version,
                known);
        onRevert.run();
        return new StoreWentBack(processorName, segment);
    }

    private static Bson entry(String processorName, int segment) {
        return and(eq("processorName", processorName), eq("segment", segment));
    }

    private static String key(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    /** The view store holds an older state than the processor reached: replay from the token it holds. */
    static final class StoreWentBack extends RuntimeException {
        StoreWentBack(String processorName, int segment) {
            super(
                    "The token store of " + processorName + "[" + segment + "] went back to an older state",
                    null,
                    false,
                    false);
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    /*
     * A new processor starts, by Axon's default, from the start of the topic flagged as a replay up to the position the
     * topic had then: every event read until there pays a comparison of the replay token with its own (a fifth of a
     * rebuild's CPU, measured). The views treat a first reading like any other (no handler asks whether it replays),
     * so the processor starts from the same place without the flag. An explicit reset still replays as Axon does.
     */
    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        TrackingToken start = initialToken instanceof ReplayToken replay && replay.getTokenAtReset() != null
                ? replay.getCurrentToken()
                : initialToken;
        delegate.initializeTokenSegments(processorName, segmentCount, start);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        versions.remove(key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
