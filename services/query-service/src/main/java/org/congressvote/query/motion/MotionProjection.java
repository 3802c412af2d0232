package org.congressvote.query.motion;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.congressvote.api.AggregateTypes;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionClosedEvent;
import org.congressvote.api.motion.MotionCreatedEvent;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionOpenedEvent;
import org.congressvote.api.motion.MotionResult;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.MotionTallyResponse;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.store.Change;
import org.congressvote.query.store.Keys;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.store.ViewStore;
import org.springframework.stereotype.Component;

/**
 * Motions, their rules and their tallies.
 * <p>
 * A motion document follows the motion aggregate strictly in sequence: title, kind, rule, text, electorate (a body
 * whose members vote, none for the congress), status and, from the closing event, the result the domain decided. Votes are counted in a collection of the motion's own, one counter
 * document per topic partition, each counting up to an offset, so that a replayed vote event changes nothing and a
 * vote costs the same whether it is the first or the 100,000th (see {@link ViewStore#countOnce}). The MongoDB-wire
 * server scans the whole collection for any query that is not a plain {@code _id} lookup: a collection per motion
 * stays at a few documents however many motions the database holds. Who voted is noted (to recognise an event
 * published twice) but not how: who voted how is the secretariat's, on the command side.
 */
@Component
@ProcessingGroup(ViewStore.PROCESSING_GROUP)
public class MotionProjection {

    /** The command side's aggregate whose events the motion documents follow. */
    public static final String AGGREGATE_TYPE = AggregateTypes.MOTION;

    public static final String MOTIONS = "motions";
    public static final String TALLY_COLLECTION_PREFIX = "tally.";

    private static final Bson COUNTERS = Projections.include(
            counterOf(VoteChoice.AGREE), counterOf(VoteChoice.DISAGREE), counterOf(VoteChoice.ABSTAIN));

    private final MongoDatabase database;
    private final ViewStore store;
    private final MongoCollection<Document> motions;
    private final ChangeListener changes;

    public MotionProjection(MongoDatabase database, ViewStore store, ChangeListener changes) {
        this.database = database;
        this.store = store;
        this.motions = database.getCollection(MOTIONS);
        this.changes = changes;
        motions.createIndex(Indexes.ascending("congressId"), new IndexOptions().name("congressId"));
    }

    @EventHandler
    void on(MotionCreatedEvent event, @SequenceNumber long seq, @Timestamp Instant createdAt) {
        DecisionRule rule = event.rule();
        updateMotion(
                event.congressId(),
                event.motionId(),
                seq,
                Change.of()
                        .set("congressId", event.congressId())
                        .set("title", event.title())
                        .set("kind", event.kind().name())
                        .set("rule", ruleDocument(rule))
                        .set("text", event.text())
                        .set("electorateElectionId", event.electorateElectionId())
                        .set("electorateTitle", event.electorateTitle())
                        .set("status", MotionStatus.CREATED.name())
                        .set("createdAt", createdAt.toEpochMilli()));
    }

    @EventHandler
    void on(MotionOpenedEvent event, @SequenceNumber long seq) {
        updateMotion(
                event.congressId(),
                event.motionId(),
                seq,
                Change.of().set("congressId", event.congressId()).set("status", MotionStatus.OPEN.name()));
    }

    /* The result is the domain's, decided at the close on the votes stored before it: shown as the event has it. */
    @EventHandler
    void on(MotionClosedEvent event, @SequenceNumber long seq) {
        Document result = new Document("summoned", event.summoned())
                .append("present", event.present())
                .append("agree", event.agree())
                .append("disagree", event.disagree())
                .append("abstain", event.abstain())
                .append(
                        "base",
                        event.rule() == null ? null : event.rule().base().name())
                .append("baseCount", event.baseCount())
                .append("threshold", event.threshold())
                .append("adopted", event.adopted());
        updateMotion(
                event.congressId(),
                event.motionId(),
                seq,
                Change.of()
                        .set("congressId", event.congressId())
                        .set("status", MotionStatus.CLOSED.name())
                        .set("result", result));
    }

    /* A vote is the only event of its aggregate (sequence 0): its place in the topic is the guard. */
    @EventHandler
    void on(
            VoteCastEvent event,
            @MetaDataValue(StreamPosition.PARTITION) Object partition,
            @MetaDataValue(StreamPosition.OFFSET) Object offset) {
        if (store.countOnce(
                tallyCollectionName(event.motionId()),
                event.delegateId(),
                Change.of().inc(counterOf(event.choice()), 1),
                StreamPosition.of(partition, offset))) {
            notifyTally(event.congressId(), event.motionId());
        }
    }

    /** Any other event of a motion still takes its place in the sequence (see {@code CongressProjection}). */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> other) {
        if (AGGREGATE_TYPE.equals(other.getType())) {
            store.applyInSequence(MOTIONS, other.getAggregateIdentifier(), other.getSequenceNumber(), Change.of());
        }
    }

    @QueryHandler
    public Optional<MotionTallyResponse> handle(FetchTallyQuery query) {
        return Optional.ofNullable(motions.find(eq("_id", query.motionId())).first())
                .filter(motion -> motion.getString("title") != null)
                .map(this::tallyOf);
    }

    @QueryHandler
    public List<MotionTallyResponse> handle(FetchMotionTalliesQuery query) {
        List<MotionTallyResponse> tallies = new ArrayList<>();
        motions.find(Filters.and(eq("congressId", query.congressId()), Filters.exists("title")))
                .sort(Sorts.ascending("createdAt", "_id"))
                .forEach(motion -> tallies.add(tallyOf(motion)));
        return tallies;
    }

    /** Ids of every motion with a view, for the recount. */
    public List<String> motionIds() {
        List<String> ids = new ArrayList<>();
        motions.find().projection(Projections.include("_id")).forEach(m -> ids.add(m.getString("_id")));
        return ids;
    }

    /** The votes counted so far from the vote events, whatever the close says: exact, so equal to it once closed. */
    public LiveCounts liveCounts(String motionId) {
        long agree = 0;
        long disagree = 0;
        long abstain = 0;
        for (Document bucket : tallyCollection(motionId).find().projection(COUNTERS)) {
            agree += count(bucket, counterOf(VoteChoice.AGREE));
            disagree += count(bucket, counterOf(VoteChoice.DISAGREE));
            abstain += count(bucket, counterOf(VoteChoice.ABSTAIN));
        }
        return new LiveCounts(agree, disagree, abstain);
    }

    /** Counts per choice as counted from the vote events. */
    public record LiveCounts(long agree, long disagree, long abstain) {
        public long voted() {
            return agree + disagree + abstain;
        }
    }

    private MotionTallyResponse tallyOf(Document motion) {
        String motionId = motion.getString("_id");
        MotionStatus status = MotionStatus.valueOf(motion.getString("status"));
        Document closed = motion.get("result", Document.class);
        MotionResult result = closed == null
                ? null
                : new MotionResult(
                        count(closed, "summoned"),
                        count(closed, "present"),
                        count(closed, "agree"),
                        count(closed, "disagree"),
                        count(closed, "abstain"),
                        closed.getString("base") == null ? null : DecisionRule.Base.valueOf(closed.getString("base")),
                        count(closed, "baseCount"),
                        count(closed, "threshold"),
                        closed.getBoolean("adopted", false));
        LiveCounts counts = result != null
                ? new LiveCounts(result.agree(), result.disagree(), result.abstain())
                : liveCounts(motionId);
        return new MotionTallyResponse(
                motionId,
                motion.getString("congressId"),
                motion.getString("title"),
                MotionKind.valueOf(motion.getString("kind")),
                ruleOf(motion.get("rule", Document.class)),
                motion.getString("text"),
                status,
                counts.agree(),
                counts.disagree(),
                counts.abstain(),
                counts.voted(),
                result,
                motion.getString("electorateElectionId"),
                motion.getString("electorateTitle"));
    }

    static Document ruleDocument(DecisionRule rule) {
        return new Document("base", rule.base().name())
                .append("numerator", rule.fraction().numerator())
                .append("denominator", rule.fraction().denominator())
                .append("strictlyMore", rule.strictlyMore());
    }

    static DecisionRule ruleOf(Document rule) {
        return new DecisionRule(
                DecisionRule.Base.valueOf(rule.getString("base")),
                new Fraction(rule.getInteger("numerator"), rule.getInteger("denominator")),
                rule.getBoolean("strictlyMore"));
    }

    private static long count(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static String counterOf(VoteChoice choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    private void updateMotion(String congressId, String motionId, long seq, Change change) {
        if (store.applyInSequence(MOTIONS, motionId, seq, change)) {
            notifyTally(congressId, motionId);
        }
    }

    private void notifyTally(String congressId, String motionId) {
        store.afterWrite("tally/" + motionId, () -> changes.tallyChanged(congressId, motionId));
    }

    MongoCollection<Document> tallyCollection(String motionId) {
        return database.getCollection(tallyCollectionName(motionId));
    }

    /** A readable collection name for plain ids; any other id is hashed so that it makes a valid, bounded name. */
    public static String tallyCollectionName(String motionId) {
        return Keys.collection(TALLY_COLLECTION_PREFIX, motionId);
    }
}
