package org.congressvote.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.congressvote.query.support.InMemoryMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardedTokenStoreTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final AtomicInteger reverts = new AtomicInteger();
    private MongoDatabase database;
    private MongoCollection<Document> tokens;
    private GuardedTokenStore store;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        tokens = database.getCollection("trackingtokens");
        store = node("node-a");
        store.initializeTokenSegments("motions", 1);
    }

    private GuardedTokenStore node(String nodeId) {
        MongoTokenStore plain = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName("trackingtokens")
                        .build())
                .serializer(serializer)
                .claimTimeout(Duration.ofSeconds(10))
                .nodeId(nodeId)
                .build();
        return new GuardedTokenStore(plain, tokens, serializer, nodeId, reverts::incrementAndGet);
    }

    @Test
    void tokensAreStoredAndFetchedAsByTheMongoTokenStore() {
        store.fetchToken("motions", 0);
        store.storeToken(new GlobalSequenceTrackingToken(7), "motions", 0);
        store.extendClaim("motions", 0);
        store.releaseClaim("motions", 0);

        assertThat(node("node-b").fetchToken("motions", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aStoreThatWentBackToAnOlderStateIsNoticedAndTheStoredTokenIsFetchedAgain() {
        store.fetchToken("motions", 0);
        store.storeToken(new GlobalSequenceTrackingToken(10), "motions", 0);
        Document before = tokens.find(Filters.eq("segment", 0)).first();
        store.storeToken(new GlobalSequenceTrackingToken(20), "motions", 0);
        store.storeToken(new GlobalSequenceTrackingToken(30), "motions", 0);

        // The MongoDB-wire server killed and restarted on the state it had committed a second earlier.
        tokens.replaceOne(Filters.eq("_id", before.get("_id")), before);

        assertThatThrownBy(() -> store.extendClaim("motions", 0)).isInstanceOf(GuardedTokenStore.StoreWentBack.class);
        assertThat(reverts).hasValue(1);
        // The processor then releases its claim and starts over from the token in the store.
        store.releaseClaim("motions", 0);
        assertThat(store.fetchToken("motions", 0)).isEqualTo(new GlobalSequenceTrackingToken(10));
        store.storeToken(new GlobalSequenceTrackingToken(11), "motions", 0);
        store.extendClaim("motions", 0);
    }

    @Test
    void storingOverAnOlderStateIsRefused() {
        store.fetchToken("motions", 0);
        Document before = tokens.find(Filters.eq("segment", 0)).first();
        store.storeToken(new GlobalSequenceTrackingToken(20), "motions", 0);
        tokens.replaceOne(Filters.eq("_id", before.get("_id")), before);

        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(30), "motions", 0))
                .isInstanceOf(GuardedTokenStore.StoreWentBack.class);
        assertThat(tokens.find(Filters.eq("segment", 0)).first().get("token")).isEqualTo(before.get("token"));
    }

    @Test
    void aClaimTakenByAnotherNodeIsReportedAsSuch() {
        store.fetchToken("motions", 0);
        tokens.updateOne(Filters.eq("segment", 0), new Document("$set", new Document("owner", "node-b")));

        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(5), "motions", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(reverts).hasValue(0);
    }

    @Test
    void aNewProcessorStartsFromTheBeginningWithoutTheReplayFlag() {
        GuardedTokenStore fresh = node("node-c");
        fresh.initializeTokenSegments("views", 1, ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(500)));

        // null: from the start of the stream; no ReplayToken, so no handler sees the first reading as a replay
        assertThat(fresh.fetchToken("views", 0)).isNull();
    }
}
