package org.congressvote.query.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies an event's change to one document at most once, in a single atomic update, without transactions.
 * <p>
 * The filter names the document by {@code _id} and adds a guard that is false once the change has been applied
 * (an aggregate sequence already reached, a voter already listed). The update is an upsert: when the document
 * exists but the guard is false, the server tries to insert a second document with the same {@code _id} and
 * refuses with a duplicate key error, which here means "already applied". Works alike on MongoDB and on the
 * MongoDB-wire server we run locally.
 */
public final class IdempotentUpdate {

    public static final String LAST_SEQ = "lastSeq";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private IdempotentUpdate() {
    }

    /**
     * Applies {@code update} to document {@code id} if its {@code lastSeq} is below {@code seq}, and records
     * {@code seq}. Events of one aggregate arrive in sequence order, so a repeat always carries a sequence
     * number that was already reached.
     *
     * @return whether the update was applied now (false: it had been applied before)
     */
    public static boolean applyInSequence(MongoCollection<Document> collection, String id, long seq, Bson update) {
        Bson guard = Filters.and(Filters.eq("_id", id), Filters.lt(LAST_SEQ, seq));
        return applyOnce(collection, guard, Updates.combine(update, Updates.set(LAST_SEQ, seq)));
    }

    /**
     * Applies {@code update} with upsert if {@code guard} (which must include an equality on {@code _id}) matches.
     *
     * @return whether the update was applied now (false: the guard showed it had been applied before)
     */
    public static boolean applyOnce(MongoCollection<Document> collection, Bson guard, Bson update) {
        try {
            UpdateResult result = collection.updateOne(guard, update, UPSERT);
            return result.getUpsertedId() != null || result.getMatchedCount() > 0;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
