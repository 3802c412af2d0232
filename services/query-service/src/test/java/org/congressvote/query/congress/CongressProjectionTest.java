package org.congressvote.query.congress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CongressListResponse;
import org.congressvote.api.congress.CongressResponse;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsStatus;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.FetchCongressesQuery;
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RosterResponse;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.query.store.MongoViewStore;
import org.congressvote.query.store.OutOfSequence;
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
    private AnnotationEventHandlerAdapter handlers;
    private long seq;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        changes = new RecordingChangeListener();
        projection = new CongressProjection(database, new MongoViewStore(database), changes);
        handlers = new AnnotationEventHandlerAdapter(projection);
        seq = 0;
    }

    @Test
    void summonedAreTheOfficialDelegatesAndPresentThoseCheckedIn() {
        convene(Fraction.HALF);
        official("d1");
        official("d2");
        official("d3");
        alternate("a1");
        next(new DelegateCheckedInEvent("c1", "d1"));

        assertThat(attendance()).isEqualTo(new AttendanceResponse("c1", "Spring Congress", 3, 1, 2, false));
    }

    @Test
    void quorumIsMetOncePresentDelegatesReachTheFractionOfThoseSummoned() {
        convene(Fraction.TWO_THIRDS);
        for (int i = 1; i <= 4; i++) {
            official("d" + i);
        }
        next(new DelegateCheckedInEvent("c1", "d1"));
        next(new DelegateCheckedInEvent("c1", "d2"));
        assertThat(attendance().quorumMet()).isFalse();

        next(new DelegateCheckedInEvent("c1", "d3"));

        assertThat(attendance().quorumRequired()).isEqualTo(3);
        assertThat(attendance().quorumMet()).isTrue();
    }

    @Test
    void delegateWhoLeavesNoLongerCountsAsPresent() {
        convene(Fraction.HALF);
        official("d1");
        next(new DelegateCheckedInEvent("c1", "d1"));
        next(new DelegateCheckedOutEvent("c1", "d1"));

        assertThat(attendance().present()).isZero();
        assertThat(delegate("d1").present()).isFalse();
    }

    @Test
    void officialDeclaredAbsentForTheWholeCongressLeavesTheBase() {
        convene(Fraction.HALF);
        official("d1");
        official("d2");
        next(new DelegateDeclaredAbsentEvent("c1", "d2", "abroad on duty"));

        assertThat(attendance().summoned()).isEqualTo(1);
        assertThat(delegate("d2").declaredAbsent()).isTrue();
    }

    @Test
    void officialWhoseCredentialsWereRejectedLeavesTheBase() {
        convene(Fraction.HALF);
        official("d1");
        official("d2");
        next(new CredentialsAcceptedEvent("c1", "d1"));
        next(new CredentialsRejectedEvent("c1", "d2", "not elected by a lower congress"));

        assertThat(attendance().summoned()).isEqualTo(1);
        assertThat(delegate("d1").credentials()).isEqualTo(CredentialsStatus.ACCEPTED);
        assertThat(delegate("d2").credentials()).isEqualTo(CredentialsStatus.REJECTED);
    }

    @Test
    void anOfficialBothAbsentAndRejectedLeavesTheBaseOnce() {
        convene(Fraction.HALF);
        official("d1");
        official("d2");
        next(new DelegateDeclaredAbsentEvent("c1", "d2", "ill"));
        next(new CredentialsRejectedEvent("c1", "d2", "papers missing"));

        assertThat(attendance().summoned()).isEqualTo(1);
    }

    @Test
    void anAlternateSeatedInPlaceOfAnExcludedOfficialBringsTheSeatBackIntoTheBase() {
        convene(Fraction.HALF);
        official("d1");
        official("d2");
        alternate("a1");
        next(new DelegateDeclaredAbsentEvent("c1", "d2", "ill"));
        assertThat(attendance().summoned()).isEqualTo(1);

        next(new AlternateSeatedEvent("c1", "a1", "d2", "d2 is ill"));

        assertThat(attendance().summoned()).isEqualTo(2);
        assertThat(delegate("a1").seatedFor()).isEqualTo("d2");
        assertThat(delegate("d2").replacedBy()).isEqualTo("a1");
    }

    @Test
    void rejectingAnOfficialWhoseSeatAnAlternateHoldsKeepsTheSeatInTheBase() {
        convene(Fraction.HALF);
        official("d1");
        alternate("a1");
        next(new AlternateSeatedEvent("c1", "a1", "d1", "d1 cannot come"));
        next(new CredentialsRejectedEvent("c1", "d1", "papers missing"));

        assertThat(attendance().summoned()).isEqualTo(1);
    }

    @Test
    void alternatesNeverCountInTheBaseButCountAsPresentOnceSeatedAndCheckedIn() {
        convene(Fraction.HALF);
        official("d1");
        alternate("a1");
        next(new AlternateSeatedEvent("c1", "a1", "d1", "d1 cannot come"));
        next(new DelegateCheckedInEvent("c1", "a1"));

        assertThat(attendance()).isEqualTo(new AttendanceResponse("c1", "Spring Congress", 1, 1, 1, true));
    }

    @Test
    void summaryShowsTheStatusTheOrganisationsAndTheirMembers() {
        next(new CongressCreatedEvent(
                "c1",
                "Spring Congress",
                Fraction.TWO_THIRDS,
                List.of(new Organisation("o1", "North", 120), new Organisation("o2", "South", 80))));
        official("d1");
        alternate("a1");
        next(new CredentialsAcceptedEvent("c1", "d1"));
        assertThat(summary().status()).isEqualTo(CongressStatus.CONVENED);
        next(new CredentialsVerifiedEvent("c1", 1, 1, 0));
        assertThat(summary().status()).isEqualTo(CongressStatus.CREDENTIALS_VERIFIED);
        next(new SessionOpenedEvent("c1"));
        assertThat(summary().status()).isEqualTo(CongressStatus.IN_SESSION);
        next(new CongressClosedEvent("c1"));

        CongressResponse summary = summary();
        assertThat(summary.status()).isEqualTo(CongressStatus.CLOSED);
        assertThat(summary.organisations()).isEqualTo(2);
        assertThat(summary.members()).isEqualTo(200);
        assertThat(summary.officials()).isEqualTo(1);
        assertThat(summary.alternates()).isEqualTo(1);
        assertThat(summary.credentialsAccepted()).isEqualTo(1);
        assertThat(summary.credentialsPending()).isEqualTo(1);
        assertThat(summary.quorum()).isEqualTo(Fraction.TWO_THIRDS);
        assertThat(summary.attendance().summoned()).isEqualTo(1);
    }

    @Test
    void rosterIsInRosterOrderWithOrganisationNamesAndNoReasonsOrDatesOfBirth() {
        next(new CongressCreatedEvent(
                "c1", "Spring Congress", Fraction.HALF, List.of(new Organisation("o1", "North", 10))));
        next(new DelegateRegisteredEvent(
                "c1", "z9", "Zoe", "o1", DelegateKind.OFFICIAL, LocalDate.of(1970, 1, 1), "Secretary"));
        next(new DelegateRegisteredEvent("c1", "a1", "Anh", "o1", DelegateKind.ALTERNATE, null, null));
        next(new CredentialsRejectedEvent("c1", "z9", "a confidential reason"));

        RosterResponse roster = projection.handle(new FetchRosterQuery("c1")).orElseThrow();

        assertThat(roster.delegates())
                .containsExactly(
                        new RosterResponse.Delegate(
                                "z9",
                                "Zoe",
                                "o1",
                                "North",
                                DelegateKind.OFFICIAL,
                                CredentialsStatus.REJECTED,
                                false,
                                null,
                                null,
                                false),
                        new RosterResponse.Delegate(
                                "a1",
                                "Anh",
                                "o1",
                                "North",
                                DelegateKind.ALTERNATE,
                                CredentialsStatus.PENDING,
                                false,
                                null,
                                null,
                                false));
        for (String collection : database.listCollectionNames()) {
            database.getCollection(collection)
                    .find()
                    .forEach(stored -> assertThat(stored.toJson()).doesNotContain("confidential", "1970", "Secretary"));
        }
    }

    @Test
    void theCongressDocumentEveryEventRewritesHoldsNoNames() {
        convene(Fraction.HALF);
        for (int d = 0; d < 245; d++) {
            official(String.format("d%03d", d));
        }

        Document congress =
                database.getCollection(CongressProjection.CONGRESSES).find().first();
        assertThat(congress.toJson()).doesNotContain("Delegate d001");
        assertThat(new RawBsonDocument(congress, new DocumentCodec())
                        .getByteBuffer()
                        .remaining())
                .as("bytes of the congress document with 245 delegates")
                .isLessThan(245 * 45);
        assertThat(projection.handle(new FetchRosterQuery("c1")).orElseThrow().delegates())
                .hasSize(245);
    }

    @Test
    void delegateIdsWithDotsAndDollarsAreKeptApart() {
        convene(Fraction.HALF);
        official("d.1");
        official("d%2E1");
        official("$d");
        next(new DelegateCheckedInEvent("c1", "d.1"));

        assertThat(attendance().summoned()).isEqualTo(3);
        assertThat(delegate("d.1").present()).isTrue();
        assertThat(delegate("d%2E1").present()).isFalse();
    }

    @Test
    void eventsDeliveredTwiceChangeNothing() {
        CongressCreatedEvent created = new CongressCreatedEvent("c1", "Congress", Fraction.HALF);
        projection.on(created, 0);
        projection.on(created, 0);
        DelegateRegisteredEvent registered = new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North");
        projection.on(registered, 1);
        projection.on(registered, 1);
        projection.on(new DelegateRegisteredEvent("c1", "d2", "Alan Turing", "South"), 2);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 3);
        projection.on(new DelegateCheckedInEvent("c1", "d1"), 3);
        projection.on(new DelegateDeclaredAbsentEvent("c1", "d2", "ill"), 4);
        projection.on(new DelegateDeclaredAbsentEvent("c1", "d2", "ill"), 4);

        assertThat(attendance()).isEqualTo(new AttendanceResponse("c1", "Congress", 1, 1, 1, true));
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

        assertThat(attendance()).isEqualTo(new AttendanceResponse("c1", "Congress", 1, 0, 1, false));
        assertThat(delegate("d1").present()).isFalse();
    }

    @Test
    void anEventArrivingWhileAnEarlierOneIsMissingIsRefusedAndChangesNothing() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        // As after the view store lost the write of seq 2 (the check-in) while the processor went on.
        assertThatThrownBy(() -> projection.on(new DelegateCheckedOutEvent("c1", "d1"), 3))
                .isInstanceOf(OutOfSequence.class);
        assertThat(attendance().present()).isZero();

        projection.on(new DelegateCheckedInEvent("c1", "d1"), 2);
        projection.on(new DelegateCheckedOutEvent("c1", "d1"), 3);
        assertThat(attendance().present()).isZero();
        assertThat(database.getCollection(CongressProjection.CONGRESSES)
                        .find(Filters.eq("_id", "c1"))
                        .first()
                        .getLong("lastSeq"))
                .isEqualTo(3);
    }

    @Test
    void anEventOfTheCongressThisViewDoesNotKnowStillTakesItsPlaceInTheSequence() throws Exception {
        handlers.handle(new GenericDomainEventMessage<>(
                "Congress", "c1", 0, new CongressCreatedEvent("c1", "Congress", Fraction.HALF)));
        handlers.handle(new GenericDomainEventMessage<>("Congress", "c1", 1, "an event added to the congress later"));
        handlers.handle(new GenericDomainEventMessage<>(
                "Congress", "c1", 2, new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North")));
        // Events of other aggregates are none of this view's business.
        handlers.handle(new GenericDomainEventMessage<>("Motion", "m1", 7, "a motion's event"));

        assertThat(attendance().summoned()).isEqualTo(1);
        assertThat(database.getCollection(CongressProjection.CONGRESSES).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void theCongressesAreListedByIdWithTheirNamesAndStages() throws Exception {
        assertThat(projection.handle(new FetchCongressesQuery()).congresses()).isEmpty();
        convene(Fraction.HALF);
        next(new CredentialsVerifiedEvent("c1", 0, 0, 0));
        next(new SessionOpenedEvent("c1"));
        handlers.handle(new GenericDomainEventMessage<>(
                "Congress", "b2", 0, new CongressCreatedEvent("b2", "Đại hội Đảng bộ Khối", Fraction.TWO_THIRDS)));

        assertThat(projection.handle(new FetchCongressesQuery()).congresses())
                .containsExactly(
                        new CongressListResponse.Entry("b2", "Đại hội Đảng bộ Khối", CongressStatus.CONVENED),
                        new CongressListResponse.Entry("c1", "Spring Congress", CongressStatus.IN_SESSION));
    }

    @Test
    void unknownCongressHasNoViews() {
        assertThat(projection.handle(new FetchAttendanceQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchCongressQuery("nope"))).isEmpty();
        assertThat(projection.handle(new FetchRosterQuery("nope"))).isEmpty();
    }

    @Test
    void everyAppliedChangeIsReportedOnceAndRepeatsAreNot() {
        projection.on(new CongressCreatedEvent("c1", "Congress", Fraction.HALF), 0);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);
        projection.on(new DelegateRegisteredEvent("c1", "d1", "Ada Lovelace", "North"), 1);

        assertThat(changes.changes).containsExactly("attendance:c1", "attendance:c1");
    }

    private void convene(Fraction quorum) {
        next(new CongressCreatedEvent("c1", "Spring Congress", quorum));
    }

    private void official(String id) {
        next(new DelegateRegisteredEvent("c1", id, "Delegate " + id, "Org", DelegateKind.OFFICIAL, null, null));
    }

    private void alternate(String id) {
        next(new DelegateRegisteredEvent("c1", id, "Alternate " + id, "Org", DelegateKind.ALTERNATE, null, null));
    }

    /** Delivers the congress's next event, as the processor does: through the annotated handlers. */
    private void next(Object event) {
        try {
            handlers.handle(new GenericDomainEventMessage<>("Congress", "c1", seq++, event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AttendanceResponse attendance() {
        return projection.handle(new FetchAttendanceQuery("c1")).orElseThrow();
    }

    private CongressResponse summary() {
        return projection.handle(new FetchCongressQuery("c1")).orElseThrow();
    }

    private RosterResponse.Delegate delegate(String id) {
        return projection.handle(new FetchRosterQuery("c1")).orElseThrow().delegates().stream()
                .filter(d -> d.delegateId().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
