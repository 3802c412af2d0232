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
 *   <li>a count of one member (a vote, a ballot returned) goes into a bucket document that lists its members, and only
 *   if the member is not yet listed.</li>
 * </ul>
 */
public interface ViewStore {

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
    default boolean applyInSequence(String collection, String id, long seq, Function<Document, Change> decide,
                                    String... fields) {
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
     * Counts {@code member} once under {@code key}: adds it to the bucket document {@code key#b} of {@code collection}
     * that its hash falls in, applying {@code count} (counters) to that bucket, unless it is listed there already. The
     * number of buckets is fixed per collection by its first count ({@code buckets}) in a document {@code meta}.
     *
     * @return whether the member was counted now (false: it had been before)
     */
    boolean countOnce(String collection, String key, String member, Change count, int buckets);

    static long lastSeq(Document document) {
        if (document == null) {
            return -1;
        }
        Number last = document.get(LAST_SEQ, Number.class);
        return last == null ? -1 : last.longValue();
    }
}
