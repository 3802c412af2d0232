package org.congressvote.query.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
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
 * lists), members counted (one small document each, inserted in bulk), counter documents (one {@code $inc} each,
 * guarded by the offset it had when read), and the documents that follow an aggregate (replaced whole, guarded by the
 * sequence number they had when read). A crash in the middle leaves the token unstored: the batch is replayed and
 * every part of it recognises what it had written. A guard that fails (another writer, or a store that went back in
 * time) fails the batch with {@link ViewWriteConflict}, and the processor replays it from its stored token.
 */
public final class MongoViewStore implements ViewStore {

    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);
    private static final String OFFSET = "offset";
    private static final String PARTITION = "partition";

    private final MongoDatabase database;
    private final ThreadLocal<Batch> batches = new ThreadLocal<>();

    public MongoViewStore(MongoDatabase database) {
        this.database = database;
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
        return batch.inserts.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .putIfAbsent(document.getString("_id"), document) == null;
    }

    /* Inside a batch, whether a record is a second copy is known only when the batch is written. */
    @Override
    public boolean countOnce(String collection, String member, Change count, StreamPosition at) {
        Batch open = batches.get();
        if (open != null) {
            return open.count(collection, member, count, at) != null;
        }
        return inBatch(batch -> batch.count(collection, member, count, at)).map(c -> c.counted).orElse(false);
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

    /** One partition's counter document of a count collection: the offset counted up to, and the batch's counts. */
    private static final class Counter {
        final boolean existed;
        final long readAtOffset;
        long offset;
        final List<Counted> pending = new ArrayList<>();

        Counter(Document document) {
            existed = document != null;
            Number stored = document == null ? null : document.get(OFFSET, Number.class);
            readAtOffset = stored == null ? -1 : stored.longValue();
            offset = readAtOffset;
        }
    }

    /** A member to count, and whether it was counted when the batch was written (not a second copy). */
    private static final class Counted {
        final String member;
        final StreamPosition at;
        final Change count;
        boolean counted;

        Counted(String member, StreamPosition at, Change count) {
            this.member = member;
            this.at = at;
            this.count = count;
        }
    }

    private final class Batch {
        final Map<String, Map<String, Sequenced>> sequenced = new LinkedHashMap<>();
        final Map<String, Map<String, Document>> inserts = new LinkedHashMap<>();
        final Map<String, Map<Integer, Counter>> counters = new LinkedHashMap<>();
        final Map<String, Runnable> afterWrite = new LinkedHashMap<>();

        Sequenced sequenced(String collection, String id) {
            return sequenced.computeIfAbsent(collection, c -> new HashMap<>())
                    .computeIfAbsent(id, i -> new Sequenced(database.getCollection(collection).find(eq("_id", i))
                            .first()));
        }

        /** The member to count, or empty if this record was counted already. */
        Optional<Counted> count(String collection, String member, Change count, StreamPosition at) {
            Counter counter = counter(collection, at.partition());
            if (at.offset() <= counter.offset) {
                return Optional.empty();
            }
            counter.offset = at.offset();
            Counted counted = new Counted(member, at, count);
            counter.pending.add(counted);
            return Optional.of(counted);
        }

        Counter counter(String collection, int partition) {
            return counters.computeIfAbsent(collection, c -> new HashMap<>())
                    .computeIfAbsent(partition, p -> new Counter(database.getCollection(collection)
                            .find(eq("_id", ViewStore.counterId(p))).projection(Projections.include(OFFSET))
                            .first()));
        }

        void write() {
            inserts.forEach((collection, documents) ->
                    insertAll(database.getCollection(collection), new ArrayList<>(documents.values())));
            counters.forEach(this::writeCounts);
            sequenced.forEach((collection, entries) -> {
                MongoCollection<Document> documents = database.getCollection(collection);
                entries.forEach((id, entry) -> {
                    if (entry.changed) {
                        replace(documents, collection, id, entry);
                    }
                });
            });
        }

        /** Inserts in bulk, leaving documents that exist already as they are; the failed ids, if any. */
        private Set<Object> insertAll(MongoCollection<Document> documents, List<Document> batch) {
            if (batch.isEmpty()) {
                return Set.of();
            }
            try {
                documents.insertMany(batch, UNORDERED);
                return Set.of();
            } catch (MongoBulkWriteException e) {
                Set<Object> existing = new HashSet<>();
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (!isDuplicateKey(error.getCode())) {
                        throw e;
                    }
                    existing.add(batch.get(error.getIndex()).get("_id"));
                }
                return existing;
            }
        }

        /*
         * Members first, each noted with where it was first read; then each counter document counts the members whose
         * note is theirs (a note that was there already and names another position is a second copy of the record).
         */
        private void writeCounts(String collection, Map<Integer, Counter> partitions) {
            MongoCollection<Document> members = database.getCollection(ViewStore.membersOf(collection));
            List<Document> notes = new ArrayList<>();
            Set<String> notedNow = new HashSet<>();
            partitions.values().forEach(counter -> counter.pending.forEach(c -> {
                if (notedNow.add(c.member)) {
                    notes.add(new Document("_id", c.member).append("p", c.at.partition()).append("o", c.at.offset()));
                }
            }));
            Set<Object> noted = insertAll(members, notes);
            Map<String, StreamPosition> firstRead = new HashMap<>();
            for (Object member : noted) {
                Document note = members.find(eq("_id", member)).first();
                if (note != null) {
                    firstRead.put((String) member, new StreamPosition(note.getInteger("p"), note.getLong("o")));
                }
            }
            MongoCollection<Document> counts = database.getCollection(collection);
            Set<String> countedNow = new HashSet<>();
            partitions.forEach((partition, counter) -> {
                if (counter.offset == counter.readAtOffset) {
                    return;
                }
                Document increments = new Document();
                for (Counted c : counter.pending) {
                    StreamPosition first = firstRead.getOrDefault(c.member, c.at);
                    if (first.equals(c.at) && countedNow.add(c.member)) {
                        c.counted = true;
                        c.count.increments().forEach((field, by) -> increments.merge(field, by,
                                (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
                    }
                }
                writeCounter(counts, collection, partition, counter, increments);
            });
        }

        private void writeCounter(MongoCollection<Document> counts, String collection, int partition, Counter counter,
                                  Document increments) {
            String id = ViewStore.counterId(partition);
            if (!counter.existed) {
                Document created = new Document("_id", id).append(PARTITION, partition).append(OFFSET, counter.offset);
                created.putAll(increments);
                if (!insertOnce(counts, created)) {
                    throw new ViewWriteConflict(collection, id);
                }
                return;
            }
            List<Bson> updates = new ArrayList<>();
            increments.forEach((field, by) -> updates.add(Updates.inc(field, (Number) by)));
            updates.add(Updates.set(OFFSET, counter.offset));
            if (counts.updateOne(and(eq("_id", id), eq(OFFSET, counter.readAtOffset)), Updates.combine(updates))
                    .getMatchedCount() == 0) {
                throw new ViewWriteConflict(collection, id);
            }
        }

        private void replace(MongoCollection<Document> documents, String collection, String id, Sequenced entry) {
            if (entry.readAtSeq < 0) {
                if (!insertOnce(documents, entry.document)) {
                    throw new ViewWriteConflict(collection, id);
                }
            } else if (documents.replaceOne(and(eq("_id", id), eq(LAST_SEQ, entry.readAtSeq)), entry.document)
                    .getMatchedCount() == 0) {
                throw new ViewWriteConflict(collection, id);
            }
        }
    }
}
