package org.congressvote.query.change;

/**
 * Told by the projections that a view changed, so that live views can refresh it. Called on the event processing
 * threads for every applied event: implementations must only take note and return at once.
 */
public interface ChangeListener {

    /** Nobody is listening: for tests, the recount and projections used on their own. */
    ChangeListener NONE = new ChangeListener() {
        @Override
        public void attendanceChanged(String congressId) {}

        @Override
        public void tallyChanged(String congressId, String motionId) {}

        @Override
        public void electionChanged(String congressId, String electionId) {}
    };

    /** The congress document changed: status, roster or attendance. */
    void attendanceChanged(String congressId);

    void tallyChanged(String congressId, String motionId);

    /** An election changed: a round started, opened or closed, or a ballot was returned (turnout). */
    void electionChanged(String congressId, String electionId);
}
