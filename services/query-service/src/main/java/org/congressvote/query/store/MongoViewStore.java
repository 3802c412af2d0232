package org.congressvote.query.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The live view store. Every write is a single atomic MongoDB operation on one document, guarded so that it applies at
 * most once; it works alike on MongoDB and on the MongoDB-wire server we run locally (no transactions needed).
 * <p>
 * Writes are grouped in batches: between {@link #beginBatch()} and {@link #writeBatch()} (one batch of the event
 * processor, on its thread) the documents the events change are read once, changed in memory, and written once each
 * at the end: a batch of 1,000 check-ins rewrites the congress document once, not 1,000 times. Outside a batch each
 * call is a batch of its own. What a batch writes, in this order: documents inserted once (roster entries, ballot
 * lists, in bulk), counter documents (one update each: counts, offset and recent members, guarded by the offset they
 * had when read), and the documents that follow an aggregate (replaced whole, guarded by the sequence number they had
 * when read). A crash in the middle leaves the token unstored: the batch is replayed and every part of it recognises
 * what it had written. A guard that fails (another writer, or a store that went back in
 * time) fails the batch with {@link ViewWriteConflict}, and the processor replays it from its stored token.
 */
public final class MongoViewStore implements ViewStore {

    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);
    private static final String OFFSET = "offset";
    private static final String PARTITION = "partition";
    private static final String RECENT = "recent";

    /** Members remembered per counter document, to recognise a record published twice (see ViewStore). */
    public static final int DEFAULT_DUPLICATE_WINDOW = 500;

    private final MongoDatabase database;
    private final int duplicateWindow;
    private final ThreadLocal<Batch> batches = new ThreadLocal<>();

    public MongoViewStore(MongoDatabase database) {
        this(database, DEFAULT_DUPLICATE_WINDOW);
    }

    public MongoViewStore(MongoDatabase database, int duplicateWindow) {
        if (duplicateWindow < 1) {
            throw new IllegalArgumentException("the duplicate window must hold at least one member");
        }
        this.database = database;
        this.duplicateWindow = duplicateWindow;
    }

    /** Starts a batch on this thread (a batch still open is dropped: its writes never happened). */
    public void beginBatch() {
        batches.set(new Batch());
    }

    /** Writes what the batch on this thread changed and ends it; then runs its {@link #afterWrite} actions. */
    public void writeBatch() {
        Batch batch = batches.get();
        if (batch == null) {
            return;
        }
        try {
            batch.write();
        } finally {
            batches.remove();
        }
        batch.afterWrite.values().forEach(Runnable::run);
    }

    /** Drops the batch on this thread unwritten (the processor rolled it back). */
    public void discardBatch() {
        batches.remove();
    }

    @Override
    public Document find(String collection, String id, String... fields) {
        Batch batch = batches.get();
        if (batch != null) {
            Document inserted = batch.inserts.getOrDefault(collection, Map.of()).get(id);
            return inserted != null ? inserted : batch.sequenced(collection, id).document;
        }
        var found = database.getCollection(collection).find(eq("_id", id));
        if (fields.length > 0) {
            List<String> include = new ArrayList<>(List.of(fields));
            include.add(LAST_SEQ);
            found = found.projection(Projections.include(include));
        }
        return found.first();
    }

    @Override
    public boolean applyInSequence(String collection, String id, long seq, Change change) {
        return inBatch(batch -> {
            Sequenced entry = batch.sequenced(collection, id);
            long last = ViewStore.lastSeq(entry.document);
            if (last >= seq) {
                return false;
            }
            if (last < seq - 1) {
                throw new OutOfSequence(collection, id, seq, last);
            }
            if (entry.document == null) {
                entry.document = new Document("_id", id);
            }
            change.applyTo(entry.document);
            entry.document.put(LAST_SEQ, seq);
            entry.changed = true;
            return true;
        });
    }

    /*
     * Inside a batch the insert is noted and written with the batch; "inserted now" then means "not seen before in
     * this batch" (callers that insert once ignore the answer: a repeat finds the same document there).
     */
    @Override
    public boolean insertOnce(String collection, Document document) {
        Batch batch = batches.get();
        if (batch == null) {
            return insertOnce(database.getCollection(collection), document);
        }
        return batch.inserts
                        .computeIfAbsent(collection, c -> new LinkedHashMap<>())
                        .putIfAbsent(document.getString("_id"), document)
                == null;
    }

    @Override
    public boolean countOnce(String collection, String member, Change count, StreamPosition at) {
        return inBatch(batch -> batch.counter(collection, at.partition()).count(member, count, at));
    }

    @Override
    public void afterWrite(String key, Runnable action) {
        Batch batch = batches.get();
        if (batch == null) {
            action.run();
        } else {
            batch.afterWrite.putIfAbsent(key, action);
        }
    }

    /** Runs {@code work} in the open batch, or in a batch of its own written at once. */
    private <T> T inBatch(Function<Batch, T> work) {
        Batch open = batches.get();
        if (open != null) {
            return work.apply(open);
        }
        beginBatch();
        try {
            T result = work.apply(batches.get());
            writeBatch();
            return result;
        } finally {
            batches.remove();
        }
    }

    private static boolean insertOnce(MongoCollection<Document> documents, Document document) {
        try {
            documents.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (isDuplicateKey(e.getError().getCode())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDuplicateKey(int code) {
        return ErrorCategory.fromErrorCode(code) == ErrorCategory.DUPLICATE_KEY;
    }

    /** A document that follows an aggregate, as read at the start of the batch and changed since. */
    private static final class Sequenced {
        Document document;
        final long readAtSeq;
        boolean changed;

        Sequenced(Document document) {
            this.document = document;
            this.readAtSeq = ViewStore.lastSeq(document);
        }
    }

    /**
     * One partition's counter document of a count collection, as read at the start of the batch: the offset counted up
     * to and the members counted last (at most the window); and what the batch adds to it.
     */
    private final class Counter {
        final String id;
        final int partition;
        final boolean existed;
        final long readAtOffset;
        long offset;
        final Set<String> recent;
        final List<String> added = new ArrayList<>();
        final Map<String, Long> increments = new LinkedHashMap<>();

        Counter(Document stored, int partition, String id) {
            this.id = id;
            this.partition = partition;
            existed = stored != null;
            readAtOffset =
                    stored == null ? -1 : stored.get(OFFSET, Number.class).longValue();
            offset = readAtOffset;
            recent = stored == null ? new HashSet<>() : new HashSet<>(stored.getList(RECENT, String.class, List.of()));
        }

        /* A second copy of a record comes soon after the first: its member is still among the recent ones. */
        boolean count(String member, Change count, StreamPosition at) {
            if (at.offset() <= offset) {
                return false;
            }
            offset = at.offset();
            if (!recent.add(member)) {
                return false;
            }
            added.add(member);
            count.increments().forEach((field, by) -> increments.merge(field, by, Long::sum));
            return true;
        }

        boolean changed() {
            return offset != readAtOffset;
        }

        void write(MongoCollection<Document> documents, String collection) {
            List<String> window = added.size() <= duplicateWindow
                    ? added
                    : added.subList(added.size() - duplicateWindow, added.size());
            if (!existed) {
                Document created = new Document("_id", id)
                        .append(PARTITION, partition)
                        .append(OFFSET, offset)
                        .append(RECENT, new ArrayList<>(window));
                created.putAll(increments);
                if (!insertOnce(documents, created)) {
                    throw new ViewWriteConflict(collection, id);
                }
                return;
            }
            List<Bson> updates = new ArrayList<>();
            increments.forEach((field, by) -> updates.add(Updates.inc(field, by)));
            updates.add(Updates.set(OFFSET, offset));
            if (!window.isEmpty()) {
                updates.add(Updates.pushEach(RECENT, window, new PushOptions().slice(-duplicateWindow)));
            }
            if (documents
                            .updateOne(and(eq("_id", id), eq(OFFSET, readAtOffset)), Updates.combine(updates))
                            .getMatchedCount()
                    == 0) {
                throw new ViewWriteConflict(collection, id);
            }
        }
    }

    private final class Batch {
        final Map<String, Map<String, Sequenced>> sequenced = new LinkedHashMap<>();
        final Map<String, Map<String, Document>> inserts = new LinkedHashMap<>();
        final Map<String, Map<Integer, Counter>> counters = new LinkedHashMap<>();
        final Map<String, Runnable> afterWrite = new LinkedHashMap<>();

        Sequenced sequenced(String collection, String id) {
            return sequenced
                    .computeIfAbsent(collection, c -> new HashMap<>())
                    .computeIfAbsent(
                            id,
                            i -> new Sequenced(database.getCollection(collection)
                                    .find(eq("_id", i))
                                    .first()));
        }

        Counter counter(String collection, int partition) {
            return counters.computeIfAbsent(collection, c -> new HashMap<>()).computeIfAbsent(partition, p -> {
                String id = ViewStore.counterId(p);
                return new Counter(
                        database.getCollection(collection).find(eq("_id", id)).first(), p, id);
            });
        }

        void write() {
            inserts.forEach((collection, documents) ->
                    insertAll(database.getCollection(collection), new ArrayList<>(documents.values())));
            counters.forEach((collection, partitions) -> {
                MongoCollection<Document> documents = database.getCollection(collection);
                partitions.values().forEach(counter -> {
                    if (counter.changed()) {
                        counter.write(documents, collection);
                    }
                });
            });
            sequenced.forEach((collection, entries) -> {
                MongoCollection<Document> documents = database.getCollection(collection);
                entries.forEach((id, entry) -> {
                    if (entry.changed) {
                        replace(documents, collection, entry);
                    }
                });
            });
        }

        /** Inserts in bulk, leaving documents that exist already as they are. */
        private void insertAll(MongoCollection<Document> documents, List<Document> batch) {
            if (batch.isEmpty()) {
                return;
            }
            try {
                documents.insertMany(batch, UNORDERED);
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (!isDuplicateKey(error.getCode())) {
                        throw e;
                    }
                }
            }
        }

        /** Inserts or replaces a document, guarded by the sequence number it had when the batch read it. */
        private void replace(MongoCollection<Document> documents, String collection, Sequenced entry) {
            Object id = entry.document.get("_id");
            if (entry.readAtSeq < 0) {
                if (!insertOnce(documents, entry.document)) {
                    throw new ViewWriteConflict(collection, String.valueOf(id));
                }
            } else if (documents
                            .replaceOne(and(eq("_id", id), eq(LAST_SEQ, entry.readAtSeq)), entry.document)
                            .getMatchedCount()
                    == 0) {
                throw new ViewWriteConflict(collection, String.valueOf(id));
            }
        }
    }
}
