package org.congressvote.query.support;

import java.util.ArrayList;
import java.util.List;
import org.congressvote.query.change.ChangeListener;

/** Remembers which views the projections reported as changed. */
public class RecordingChangeListener implements ChangeListener {

    public final List<String> changes = new ArrayList<>();

    @Override
    public void attendanceChanged(String congressId) {
        changes.add("attendance:" + congressId);
    }

    @Override
    public void tallyChanged(String congressId, String motionId) {
        changes.add("tally:" + congressId + "/" + motionId);
    }

    @Override
    public void electionChanged(String congressId, String electionId) {
        changes.add("election:" + congressId + "/" + electionId);
    }
}
