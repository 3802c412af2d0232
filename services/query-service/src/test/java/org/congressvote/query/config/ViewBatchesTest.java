package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.congressvote.query.parked.ParkedEvents;
import org.congressvote.query.store.Change;
import org.congressvote.query.store.MongoViewStore;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.support.InMemoryMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A processor batch writes its views once, at its end, and not over a store that went back in time. */
class ViewBatchesTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoDatabase database;
    private MongoCollection<Document> tokenDocuments;
    private GuardedTokenStore tokens;
    private MongoViewStore views;
    private ParkedEvents parked;
    private MessageHandlerInterceptor<EventMessage<?>> interceptor;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        tokenDocuments = database.getCollection("trackingtokens");
        var serializer = JacksonSerializer.defaultSerializer();
        tokens = new GuardedTokenStore(
                MongoTokenStore.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder()
                                .mongoDatabase(database)
                                .trackingTokensCollectionName("trackingtokens")
                                .build())
                        .serializer(serializer)
                        .claimTimeout(Duration.ofSeconds(10))
                        .nodeId("node-a")
                        .build(),
                tokenDocuments,
                serializer,
                "node-a",
                () -> {});
        tokens.initializeTokenSegments("motions", 1);
        tokens.fetchToken("motions", 0);
        views = new MongoViewStore(database);
        parked = ProcessingConfiguration.parkedEventsIn(database, serializer, 100, 100);
        interceptor = ViewBatches.interceptor(views, parked, tokens, "motions");
    }

    @Test
    void aBatchWritesEveryVoteAtItsEndInOneCounterWrite() throws Exception {
        runBatch(3, 0);

        assertThat(counted()).isEqualTo(3);
        assertThat(database.getCollection("tally").find().first().getLong("offset"))
                .isEqualTo(2);
    }

    @Test
    void aBatchOverAStoreThatWentBackIsNotWritten() throws Exception {
        tokens.storeToken(new GlobalSequenceTrackingToken(1), "motions", 0);
        Document before = tokenDocuments.find(Filters.eq("segment", 0)).first();
        runBatch(3, 0);
        tokens.storeToken(new GlobalSequenceTrackingToken(2), "motions", 0);
        // The MongoDB-wire server comes back on an older state: views and token as they were before that batch.
        database.getCollection("tally").drop();
        tokenDocuments.replaceOne(Filters.eq("_id", before.get("_id")), before);

        // The processor, still at its newer position, goes on with the next records.
        assertThatThrownBy(() -> runBatch(2, 3)).isInstanceOf(GuardedTokenStore.StoreWentBack.class);

        assertThat(database.getCollection("tally").countDocuments()).isZero();
    }

    /** One batch of {@code votes} votes at offsets from {@code firstOffset} of partition 0. */
    private void runBatch(int votes, long firstOffset) throws Exception {
        List<EventMessage<?>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < votes; i++) {
            batch.add(GenericEventMessage.asEventMessage("vote " + (firstOffset + i))
                    .andMetaData(new StreamPosition(0, firstOffset + i).asMetaData()));
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.resources().put("Processor[motions]/SegmentId", 0);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), message -> {
                    String delegate = "d" + StreamPosition.of(message).offset();
                    views.countOnce("tally", delegate, Change.of().inc("agree", 1), StreamPosition.of(message));
                    // Nothing is written before the batch's end.
                    assertThat(database.getCollection("tally").countDocuments()).isZero();
                    return null;
                })
                .proceed());
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            throw (Exception) unitOfWork.getExecutionResult().getExceptionResult();
        }
    }

    private long counted() {
        return database.getCollection("tally").find().first().getLong("agree");
    }
}
