package org.congressvote.query.congress;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.query.support.InMemoryMongo;
import org.congressvote.query.support.RecordingChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CongressProjectionTest {

    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private MongoDatabase database;
    private RecordingChangeListener changes;
    private CongressProjection projection;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        changes = new RecordingChangeListener();
        projection = new CongressProjection(database, changes);
    }

    @Test
    void attendanceCountsSummonedAndPresentDelegates() {
        projection.on(new CongressCreatedEvent("c1", "Spring Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateRegisteredEvent("c1", "d2", "Alan Turing", "South"), 2);
        projection.on(new DelegateRegisteredEvent("c1", "d3", "Grace Hopper", "East"), 3);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 4);

        assertThat(attendance("c1")).isEqualTo(new AttendanceResponse("c1", "Spring Congress", 3, 1, 2, false));
    }

    @Test
    void quorumIsMetOncePresentDelegatesReachTheFractionOfThoseSummoned() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.TWO_THIRDS), 0);
        for (int i = 1; i <= 4; i++) {
            projection.on(new DelegateRegisteredEvent("c1", "d" + i, "Delegate " + i, "Org"), i);
        }
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 5);
        projection.on(new DelegateCheckedInEvent("c1", "d2"), 6);
        assertThat(attendance("c1").quorumMet()).isFalse();

        projection.on(new DelegateCheckedInEvent("c1", "d3"), 7);

        AttendanceResponse attendance = attendance("c1");
        assertThat(attendance.quorumRequired()).isEqualTo(3);
        assertThat(attendance.quorumMet()).isTrue();
    }

    @Test
    void delegateWhoLeavesNoLongerCountsAsPresent() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        projection.on(new DelegateCheckedOutEvent("c1", "d1"), 3);

        assertThat(attendance("c1").present()).isZero();
        assertThat(delegatePresent("c1", "d1")).isFalse();
    }

    @Test
    void eventsDeliveredTwiceChangeNothing() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);

        assertThat(attendance("c1")).isEqualTo(new AttendanceResponse("c1", "Congress", 1, 1, 1, true));
    }

    @Test
    void batchReplayedAfterLaterEventsChangesNothing() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        projection.on(new DelegateCheckedOutEvent("c1", "d1"), 3);

        // The publisher crashed after seq 3 and published seq 1 to 3 again at new offsets.
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        projection.on(new DelegateCheckedOutEvent("c1", "d1"), 3);

        assertThat(attendance("c1")).isEqualTo(new AttendanceResponse("c1", "Congress", 1, 0, 1, false));
        assertThat(delegatePresent("c1", "d1")).isFalse();
    }

    @Test
    void crashBetweenTheDelegateWriteAndTheCongressWriteIsRepairedByTheReplay() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        // As if the process died after the delegate document was written but before the congress document was.
        database.getCollection(CongressProjection.CONGRESSES).updateOne(Filters.eq("_id", "c1"),
                Updates.combine(Updates.set("present", 0L), Updates.set("lastSeq", 1L)));

        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);

        assertThat(attendance("c1").present()).isEqualTo(1);
        assertThat(delegatePresent("c1", "d1")).isTrue();
    }

    @Test
    void unknownCongressHasNoAttendance() {
        assertThat(projection.handle(new FetchAttendanceQuery("nope"))).isEmpty();
    }

    @Test
    void everyAppliedChangeIsReportedOnceAndRepeatsAreNot() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);

        assertThat(changes.changes).containsExactly("attendance:c1", "attendance:c1");
    }

    private AttendanceResponse attendance(String congressId) {
        return projection.handle(new FetchAttendanceQuery(congressId)).orElseThrow();
    }

    private boolean delegatePresent(String congressId, String delegateId) {
        return database.getCollection(CongressProjection.DELEGATES)
                .find(Filters.eq("_id", CongressProjection.delegateKey(congressId, delegateId)))
                .first()
                .getBoolean("present");
    }
}
