package org.congressvote.query.motion;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static org.congressvote.query.store.IdempotentUpdate.applyInSequence;
import static org.congressvote.query.store.IdempotentUpdate.applyOnce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.FetchVotesQuery;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.TallyResponse;
import org.congressvote.api.motion.VotesResponse;
import org.congressvote.api.motion.VotesResponse.CastVote;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.query.change.ChangeListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Motions and their tallies.
 * <p>
 * A motion document (guarded by the motion aggregate's sequence) holds title and status. Votes are counted in
 * bucket documents, {@code _id = motionId#bucket}, bucket = hash(delegate) mod N: one atomic update both checks that
 * the delegate is not yet listed in the bucket and counts the vote, so a repeated vote event changes nothing. A
 * motion's buckets live in a collection of their own: the MongoDB-wire server scans the whole collection for any
 * query that is not a plain {@code _id} lookup, and a collection per motion stays at N documents however many
 * motions the database holds.
 */
@Component
@ProcessingGroup(MotionProjection.PROCESSING_GROUP)
public class MotionProjection {

    public static final String PROCESSING_GROUP = "motions";

    static final String MOTIONS = "motions";
    static final String TALLY_COLLECTION_PREFIX = "tally.";

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Holds the bucket count a motion started with: changing N later must not move a delegate to another bucket. */
    private static final String META = "meta";
    private static final String VOTERS = "voters";
    private static final String VOTES = "votes";
    private static final Bson COUNTERS = Projections.include(
            counterOf(VoteChoice.AGREE), counterOf(VoteChoice.DISAGREE), counterOf(VoteChoice.ABSTAIN));

    private final MongoDatabase database;
    private final MongoCollection<Document> motions;
    private final ChangeListener changes;
    private final int defaultBucketCount;
    private final Map<String, Integer> bucketCounts = new ConcurrentHashMap<>();

    public MotionProjection(MongoDatabase database, ChangeListener changes,
                            @Value("${congress.tally.buckets:64}") int defaultBucketCount) {
        if (defaultBucketCount < 1) {
            throw new IllegalArgumentException("congress.tally.buckets must be at least 1");
        }
        this.database = database;
        this.motions = database.getCollection(MOTIONS);
        this.changes = changes;
        this.defaultBucketCount = defaultBucketCount;
        motions.createIndex(Indexes.ascending("congressId"), new IndexOptions().name("congressId"));
    }

    @EventHandler
    void on(MotionCreatedEvent event, @SequenceNumber long seq, @Timestamp Instant createdAt) {
        updateMotion(event.congressId(), event.motionId(), seq, combine(
                set("congressId", event.congressId()),
                set("title", event.title()),
                set("status", MotionStatus.CREATED.name()),
                set("createdAt", createdAt.toEpochMilli())));
    }

    @EventHandler
    void on(MotionOpenedEvent event, @SequenceNumber long seq) {
        updateMotion(event.congressId(), event.motionId(), seq, combine(
                set("congressId", event.congressId()),
                set("status", MotionStatus.OPEN.name())));
    }

    @EventHandler
    void on(MotionClosedEvent event, @SequenceNumber long seq) {
        updateMotion(event.congressId(), event.motionId(), seq, combine(
                set("congressId", event.congressId()),
                set("status", MotionStatus.CLOSED.name())));
    }

    /* A vote is the only event of its aggregate (sequence 0): the delegate listed in the bucket is the guard. */
    @EventHandler
    void on(VoteCastEvent event) {
        String motionId = event.motionId();
        int bucket = Math.floorMod(event.delegateId().hashCode(), bucketCount(motionId));
        Bson notYetCounted = and(eq("_id", motionId + "#" + bucket), ne(VOTERS, event.delegateId()));
        Bson count = combine(
                push(VOTERS, event.delegateId()),
                push(VOTES, new Document("delegateId", event.delegateId()).append("choice", event.choice().name())),
                inc(counterOf(event.choice()), 1L),
                setOnInsert("motionId", motionId),
                setOnInsert("bucket", bucket));
        if (applyOnce(tallyCollection(motionId), notYetCounted, count)) {
            changes.tallyChanged(event.congressId(), motionId);
        }
    }

    @QueryHandler
    public Optional<TallyResponse> handle(FetchTallyQuery query) {
        return Optional.ofNullable(motions.find(eq("_id", query.motionId())).first()).map(this::tallyOf);
    }

    @QueryHandler
    public List<TallyResponse> handle(FetchMotionTalliesQuery query) {
        List<TallyResponse> tallies = new ArrayList<>();
        motions.find(eq("congressId", query.congressId()))
                .sort(Sorts.ascending("createdAt", "_id"))
                .forEach(motion -> tallies.add(tallyOf(motion)));
        return tallies;
    }

    @QueryHandler
    public Optional<VotesResponse> handle(FetchVotesQuery query) {
        if (motions.find(eq("_id", query.motionId())).first() == null) {
            return Optional.empty();
        }
        List<CastVote> votes = new ArrayList<>();
        for (Document bucket : tallyCollection(query.motionId()).find()) {
            for (Document vote : bucket.getList(VOTES, Document.class, List.of())) {
                votes.add(new CastVote(vote.getString("delegateId"), VoteChoice.valueOf(vote.getString("choice"))));
            }
        }
        votes.sort(Comparator.comparing(CastVote::delegateId));
        return Optional.of(new VotesResponse(query.motionId(), votes));
    }

    private TallyResponse tallyOf(Document motion) {
        String motionId = motion.getString("_id");
        long agree = 0;
        long disagree = 0;
        long abstain = 0;
        // Only the counters: the voter lists stay on the server.
        for (Document bucket : tallyCollection(motionId).find().projection(COUNTERS)) {
            agree += count(bucket, VoteChoice.AGREE);
            disagree += count(bucket, VoteChoice.DISAGREE);
            abstain += count(bucket, VoteChoice.ABSTAIN);
        }
        MotionStatus status = motion.getString("status") == null
                ? MotionStatus.CREATED : MotionStatus.valueOf(motion.getString("status"));
        return new TallyResponse(motionId, motion.getString("congressId"), motion.getString("title"), status,
                agree, disagree, abstain, agree + disagree + abstain);
    }

    private static long count(Document bucket, VoteChoice choice) {
        Number value = bucket.get(counterOf(choice), Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static String counterOf(VoteChoice choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    private void updateMotion(String congressId, String motionId, long seq, Bson update) {
        if (applyInSequence(motions, motionId, seq, update)) {
            changes.tallyChanged(congressId, motionId);
        }
    }

    private int bucketCount(String motionId) {
        return bucketCounts.computeIfAbsent(motionId, id -> {
            MongoCollection<Document> tally = tallyCollection(id);
            try {
                return tally.findOneAndUpdate(eq("_id", META), setOnInsert("buckets", defaultBucketCount),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                        .getInteger("buckets");
            } catch (MongoServerException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Another processor thread fixed the count a moment ago.
                return tally.find(eq("_id", META)).first().getInteger("buckets");
            }
        });
    }

    MongoCollection<Document> tallyCollection(String motionId) {
        return database.getCollection(tallyCollectionName(motionId));
    }

    /** A readable collection name for plain ids; any other id is hashed so that it makes a valid, bounded name. */
    static String tallyCollectionName(String motionId) {
        if (PLAIN_ID.matcher(motionId).matches()) {
            return TALLY_COLLECTION_PREFIX + "m." + motionId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(motionId.getBytes(StandardCharsets.UTF_8));
            return TALLY_COLLECTION_PREFIX + "h." + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
