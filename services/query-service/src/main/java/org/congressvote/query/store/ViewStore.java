package org.congressvote.query.store;

import java.util.function.Function;
import org.bson.Document;

/**
 * Where the projections write their view documents, so that the same projection classes write to MongoDB (live,
 * {@link MongoViewStore}) or to memory (recount, {@link MemoryViewStore}). Every write is one atomic change of one
 * document and applies at most once, without transactions:
 * <ul>
 *   <li>a view that follows one aggregate (congress, motion, election) applies its events strictly in sequence:
 *   a repeat is skipped, and an event that arrives while an earlier one is missing fails with {@link OutOfSequence};</li>
 *   <li>a count of one member (a vote, a ballot returned) goes into the counter document of the topic partition it
 *   was read from, which holds the offset it has counted up to: a record replayed after a crash is at or below that
 *   offset and is skipped. A record the command side published twice (its publisher crashed, or Kafka failed, after
 *   sending and before the publisher stored its position) comes again at a higher offset, but soon: the publisher
 *   sends at most one batch (200 events) again per failure. The counter document remembers the members it counted
 *   last (a window of 500 by default, bounded), and a member seen again within it is not counted again. The cost of
 *   a count does not grow with the number already counted.</li>
 * </ul>
 * The live store ({@link MongoViewStore}) writes each event's change at once, or, inside a batch of the event
 * processor (see {@code ViewBatches}), keeps the batch's changes in memory and writes each document once at the end,
 * before the processor stores its token.
 */
public interface ViewStore {

    /**
     * The one processing group of every projection: one tracking processor reads the topic once and feeds all views,
     * so each record is fetched and decoded once, not once per view.
     */
    String PROCESSING_GROUP = "views";

    String LAST_SEQ = "lastSeq";

    /**
     * The document, or null. With {@code fields}, only those (and {@code _id}, {@value #LAST_SEQ}) need be present.
     * The caller must not change it.
     */
    Document find(String collection, String id, String... fields);

    /**
     * Applies event {@code seq} of the aggregate whose view is document {@code id}: creates the document for sequence
     * 0, changes it for the next sequence number, skips a repeat.
     *
     * @return whether the change was applied now (false: it had been before)
     * @throws OutOfSequence if an earlier event of the aggregate has not been applied
     */
    boolean applyInSequence(String collection, String id, long seq, Change change);

    /**
     * As {@link #applyInSequence(String, String, long, Change)}, for a change that depends on the document as it is
     * before the event: {@code decide} sees it (null before sequence 0) with at least {@code fields}.
     */
    default boolean applyInSequence(
            String collection, String id, long seq, Function<Document, Change> decide, String... fields) {
        while (true) {
            Document before = find(collection, id, fields);
            long last = lastSeq(before);
            if (last >= seq) {
                return false;
            }
            if (last < seq - 1) {
                throw new OutOfSequence(collection, id, seq, last);
            }
            if (applyInSequence(collection, id, seq, decide.apply(before))) {
                return true;
            }
            // Another writer applied an event in between (two nodes briefly sharing a segment): decide again.
        }
    }

    /** Inserts the document unless one with its {@code _id} exists; returns whether it was inserted now. */
    boolean insertOnce(String collection, Document document);

    /**
     * Counts {@code member} once in {@code collection}: applies {@code count} (counters only) to the collection's
     * counter document of the partition the event was read from ({@code _id} = {@link #counterId(int)}), unless that
     * document has counted up to this offset already, or counted the member among its recent ones (a record published
     * twice).
     *
     * @return whether the member was counted now
     */
    boolean countOnce(String collection, String member, Change count, StreamPosition at);

    /**
     * Runs {@code action} once what was applied so far is written (inside a batch: after the batch is written, once
     * per {@code key}; otherwise at once). Live views are told of changes this way, so they never read a view before
     * the change is in it.
     */
    default void afterWrite(String key, Runnable action) {
        action.run();
    }

    /** The {@code _id} of the counter document of one partition in a count collection. */
    static String counterId(int partition) {
        return "p" + partition;
    }

    static long lastSeq(Document document) {
        if (document == null) {
            return -1;
        }
        Number last = document.get(LAST_SEQ, Number.class);
        return last == null ? -1 : last.longValue();
    }
}
