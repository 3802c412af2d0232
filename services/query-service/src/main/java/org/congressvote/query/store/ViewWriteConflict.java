package org.congressvote.query.store;

/**
 * A view document was not as the batch read it when the batch came to write it: another writer changed it, or the
 * store went back to an older state (a MongoDB-wire server restarted on older data). Failing the batch makes the
 * processor fetch its stored token again and replay from there; the views recognise what they had applied.
 */
public class ViewWriteConflict extends RuntimeException {

    public ViewWriteConflict(String collection, String id) {
        super(collection + "/" + id + " changed since the batch read it; the batch is replayed", null, false, false);
    }
}
