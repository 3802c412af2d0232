package org.congressvote.query.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The live view store: each write is a single atomic MongoDB operation on one document, guarded so that it applies at
 * most once. Works alike on MongoDB and on the MongoDB-wire server we run locally (no transactions needed).
 */
public final class MongoViewStore implements ViewStore {

    static final String META = "meta";
    static final String VOTERS = "voters";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase database;
    /** Collection to its bucket count, fixed at its first count. */
    private final Map<String, Integer> bucketCounts = new ConcurrentHashMap<>();

    public MongoViewStore(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Document find(String collection, String id, String... fields) {
        var found = database.getCollection(collection).find(eq("_id", id));
        if (fields.length > 0) {
            List<String> include = new ArrayList<>(List.of(fields));
            include.add(LAST_SEQ);
            found = found.projection(Projections.include(include));
        }
        return found.first();
    }

    /*
     * Sequence 0 inserts the document (a duplicate key means it exists: a repeat). A later sequence updates it only if
     * it holds the sequence just before; otherwise a look at its sequence tells a repeat from a gap.
     */
    @Override
    public boolean applyInSequence(String collection, String id, long seq, Change change) {
        MongoCollection<Document> documents = database.getCollection(collection);
        if (seq == 0) {
            Document created = new Document("_id", id);
            change.applyTo(created);
            created.put(LAST_SEQ, 0L);
            return insertOnce(documents, created);
        }
        UpdateResult result = documents.updateOne(and(eq("_id", id), eq(LAST_SEQ, seq - 1)),
                change.toUpdate(set(LAST_SEQ, seq)));
        if (result.getMatchedCount() > 0) {
            return true;
        }
        long last = ViewStore.lastSeq(find(collection, id, LAST_SEQ));
        if (last >= seq) {
            return false;
        }
        throw new OutOfSequence(collection, id, seq, last);
    }

    @Override
    public boolean insertOnce(String collection, Document document) {
        return insertOnce(database.getCollection(collection), document);
    }

    private static boolean insertOnce(MongoCollection<Document> documents, Document document) {
        try {
            documents.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /*
     * One upsert both checks that the member is not yet listed in its bucket and counts it. When the bucket exists
     * but lists the member, the server tries to insert a second document with the same _id and refuses with a
     * duplicate key error, which here means "already counted".
     */
    @Override
    public boolean countOnce(String collection, String key, String member, Change count, int buckets) {
        MongoCollection<Document> documents = database.getCollection(collection);
        int bucket = Math.floorMod(member.hashCode(), bucketCount(documents, collection, buckets));
        Bson notYetCounted = and(eq("_id", key + "#" + bucket), ne(VOTERS, member));
        Bson update = count.toUpdate(push(VOTERS, member), setOnInsert("key", key), setOnInsert("bucket", bucket));
        try {
            UpdateResult result = documents.updateOne(notYetCounted, update, UPSERT);
            return result.getUpsertedId() != null || result.getMatchedCount() > 0;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** A later change of the setting must not move a member to another bucket, where a repeat would count again. */
    private int bucketCount(MongoCollection<Document> documents, String collection, int buckets) {
        return bucketCounts.computeIfAbsent(collection, name -> {
            try {
                return documents.findOneAndUpdate(eq("_id", META), setOnInsert("buckets", buckets),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                        .getInteger("buckets");
            } catch (MongoServerException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Another processor thread fixed the count a moment ago.
                return documents.find(eq("_id", META)).first().getInteger("buckets");
            }
        });
    }

    /** Forgets the cached bucket counts: after the store was restored to an older state they may be gone from it. */
    public void forgetCachedState() {
        bucketCounts.clear();
    }
}
