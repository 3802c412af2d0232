package org.congressvote.query.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * View documents kept in memory while the recount replays the log, then written out in bulk. The replay runs on one
 * thread, in order, into a store nobody else writes: every event changes a document in memory (no round trip), and
 * {@link #writeTo(MongoDatabase)} writes each document once. Same rules as {@link MongoViewStore}, same documents.
 */
public final class MemoryViewStore implements ViewStore {

    private static final int INSERT_CHUNK = 1_000;

    private final Map<String, Map<String, Document>> collections = new LinkedHashMap<>();
    /** Members already counted, per count collection. */
    private final Map<String, Set<String>> counted = new HashMap<>();

    @Override
    public Document find(String collection, String id, String... fields) {
        return documents(collection).get(id);
    }

    @Override
    public boolean applyInSequence(String collection, String id, long seq, Change change) {
        Map<String, Document> documents = documents(collection);
        Document document = documents.get(id);
        long last = ViewStore.lastSeq(document);
        if (last >= seq) {
            return false;
        }
        if (last < seq - 1) {
            throw new OutOfSequence(collection, id, seq, last);
        }
        if (document == null) {
            document = new Document("_id", id);
            documents.put(id, document);
        }
        change.applyTo(document);
        document.put(LAST_SEQ, seq);
        return true;
    }

    @Override
    public boolean insertOnce(String collection, Document document) {
        return documents(collection).putIfAbsent(document.getString("_id"), (Document) Change.copy(document)) == null;
    }

    /*
     * The replay reads each record once, so only a record published twice can repeat a member: the first one read
     * counts, as in the live store. The notes of the members are not written out (only the counters are compared).
     */
    @Override
    public boolean countOnce(String collection, String member, Change count, StreamPosition at) {
        if (!counted.computeIfAbsent(collection, k -> new HashSet<>()).add(member)) {
            return false;
        }
        String id = ViewStore.counterId(at.partition());
        Document counter = documents(collection)
                .computeIfAbsent(
                        id,
                        k -> new Document("_id", k)
                                .append("partition", at.partition())
                                .append("offset", -1L));
        count.increments()
                .forEach((field, by) -> counter.put(
                        field, counter.get(field) == null ? by : ((Number) counter.get(field)).longValue() + by));
        counter.put("offset", Math.max(at.offset(), counter.getLong("offset")));
        return true;
    }

    /** Number of documents held. */
    public long size() {
        return collections.values().stream().mapToLong(Map::size).sum();
    }

    /** Writes every document into {@code database} (which must not hold them yet), in bulk; returns how many. */
    public long writeTo(MongoDatabase database) {
        long written = 0;
        for (Map.Entry<String, Map<String, Document>> entry : collections.entrySet()) {
            MongoCollection<Document> target = database.getCollection(entry.getKey());
            List<Document> chunk = new ArrayList<>(INSERT_CHUNK);
            for (Document document : entry.getValue().values()) {
                chunk.add(document);
                if (chunk.size() == INSERT_CHUNK) {
                    target.insertMany(chunk, new InsertManyOptions().ordered(false));
                    written += chunk.size();
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                target.insertMany(chunk, new InsertManyOptions().ordered(false));
                written += chunk.size();
            }
        }
        return written;
    }

    private Map<String, Document> documents(String collection) {
        return collections.computeIfAbsent(collection, name -> new LinkedHashMap<>());
    }
}
