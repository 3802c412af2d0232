package org.congressvote.query.store;

/**
 * An aggregate's event arrived while an earlier one of the same aggregate is missing from its view document. Events of
 * one aggregate reach the read side in sequence order, so this happens only when the view store lost writes (a
 * MongoDB-wire server killed and restarted on an older state) while the processor ran on: failing the batch makes the
 * processor fetch its stored token again and replay from there.
 */
public class OutOfSequence extends RuntimeException {

    public OutOfSequence(String collection, String id, long seq, long lastApplied) {
        super(
                collection + "/" + id + ": event " + seq + " arrived but the view has applied only up to " + lastApplied
                        + "; the events in between must be replayed first",
                null,
                false,
                false);
    }
}
