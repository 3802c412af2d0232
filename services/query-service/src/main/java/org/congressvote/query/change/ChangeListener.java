package org.congressvote.query.change;

/**
 * Told by the projections that a view changed, so that live views can refresh it. Called on the event processing
 * threads for every applied event: implementations must only take note and return at once.
 */
public interface ChangeListener {

    /** Nobody is listening: for tests and for projections used on their own. */
    ChangeListener NONE = new ChangeListener() {
        @Override
        public void attendanceChanged(String congressId) {
        }

        @Override
        public void tallyChanged(String congressId, String motionId) {
        }
    };

    void attendanceChanged(String congressId);

    void tallyChanged(String congressId, String motionId);
}
