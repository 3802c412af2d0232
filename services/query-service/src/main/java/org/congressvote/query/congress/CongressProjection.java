package org.congressvote.query.congress;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static org.congressvote.query.store.IdempotentUpdate.applyInSequence;

import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.query.change.ChangeListener;
import org.springframework.stereotype.Component;

/**
 * Attendance of each congress: one document per congress holding the counters (summoned, present) and one per
 * delegate. Every update is guarded by the congress aggregate's sequence number, so a repeated event changes nothing.
 */
@Component
@ProcessingGroup(CongressProjection.PROCESSING_GROUP)
public class CongressProjection {

    public static final String PROCESSING_GROUP = "attendance";

    static final String CONGRESSES = "congresses";
    static final String DELEGATES = "delegates";

    private final MongoCollection<Document> congresses;
    private final MongoCollection<Document> delegates;
    private final ChangeListener changes;

    public CongressProjection(MongoDatabase database, ChangeListener changes) {
        this.congresses = database.getCollection(CONGRESSES);
        this.delegates = database.getCollection(DELEGATES);
        this.changes = changes;
    }

    @EventHandler
    void on(CongressCreatedEvent event, @SequenceNumber long seq) {
        updateCongress(event.congressId(), seq, combine(
                set("name", event.name()),
                set("quorumNumerator", event.quorum().numerator()),
                set("quorumDenominator", event.quorum().denominator()),
                setOnInsert("summoned", 0L),
                setOnInsert("present", 0L)));
    }

    @EventHandler
    void on(DelegateRegisteredEvent event, @SequenceNumber long seq) {
        updateDelegate(event.congressId(), event.delegateId(), seq, combine(
                set("congressId", event.congressId()),
                set("delegateId", event.delegateId()),
                set("fullName", event.fullName()),
                set("organisation", event.organisation()),
                setOnInsert("present", false)));
        updateCongress(event.congressId(), seq, inc("summoned", 1L));
    }

    @EventHandler
    void on(DelegateCheckedInEvent event, @SequenceNumber long seq) {
        updateDelegate(event.congressId(), event.delegateId(), seq, set("present", true));
        updateCongress(event.congressId(), seq, inc("present", 1L));
    }

    @EventHandler
    void on(DelegateCheckedOutEvent event, @SequenceNumber long seq) {
        updateDelegate(event.congressId(), event.delegateId(), seq, set("present", false));
        updateCongress(event.congressId(), seq, inc("present", -1L));
    }

    @QueryHandler
    public Optional<AttendanceResponse> handle(FetchAttendanceQuery query) {
        Document congress = congresses.find(eq("_id", query.congressId())).first();
        if (congress == null || congress.getString("name") == null) {
            return Optional.empty();
        }
        Fraction quorum = new Fraction(congress.getInteger("quorumNumerator"), congress.getInteger("quorumDenominator"));
        long summoned = congress.get("summoned", Number.class).longValue();
        long present = congress.get("present", Number.class).longValue();
        long required = quorum.atLeast(summoned);
        // An empty hall is never quorate, even for a congress that has summoned nobody yet.
        boolean quorumMet = present > 0 && present >= required;
        return Optional.of(new AttendanceResponse(query.congressId(), congress.getString("name"), summoned, present,
                required, quorumMet));
    }

    private void updateCongress(String congressId, long seq, Bson update) {
        if (applyInSequence(congresses, congressId, seq, update)) {
            changes.attendanceChanged(congressId);
        }
    }

    /*
     * The delegate document keeps its own lastSeq (a congress sequence number): it is written before the congress
     * document, so after a crash between the two writes the replay skips the delegate and still counts the congress.
     */
    private void updateDelegate(String congressId, String delegateId, long seq, Bson update) {
        applyInSequence(delegates, delegateKey(congressId, delegateId), seq, update);
    }

    static String delegateKey(String congressId, String delegateId) {
        return congressId + "#" + delegateId;
    }
}
