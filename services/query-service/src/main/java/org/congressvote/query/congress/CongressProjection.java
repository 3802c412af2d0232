package org.congressvote.query.congress;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.congressvote.api.AggregateTypes;
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
import org.congressvote.api.congress.Seat;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.store.Change;
import org.congressvote.query.store.Keys;
import org.congressvote.query.store.ViewStore;
import org.springframework.stereotype.Component;

/**
 * Each congress as one document: status, quorum, organisations, each delegate's kind, credentials, seat and presence,
 * and the counters attendance is read from. One document per congress, so that every event is one atomic change
 * applied strictly in the congress aggregate's sequence (see {@link ViewStore}). What never changes about a delegate
 * (name, organisation, kind, place on the roster) is kept apart, one document each in a roster collection of the
 * congress, inserted once at registration before the congress document counts them: the congress document, rewritten
 * by every event, stays small (about 35 bytes a delegate).
 * <p>
 * Delegates summoned follow docs/domain.md: the official delegates, less those declared absent for the whole congress
 * or whose credentials were rejected, each unless an alternate sits in their place. Present: delegates checked in.
 */
@Component
@ProcessingGroup(ViewStore.PROCESSING_GROUP)
public class CongressProjection {

    /** The command side's aggregate whose events this view follows. */
    public static final String AGGREGATE_TYPE = AggregateTypes.CONGRESS;

    public static final String CONGRESSES = "congresses";

    public static final String ROSTER_COLLECTION_PREFIX = "roster.";
    /** Per delegate: {@code o} official, {@code c} credentials (0 pending, 1 accepted, 2 rejected), {@code p}
     * present, {@code a} declared absent. */
    public static final String DELEGATES = "delegates";

    private static final String SEATED_FOR = "seatedFor";
    private static final String REPLACED_BY = "replacedBy";
    private static final int PENDING = 0;
    private static final int ACCEPTED = 1;
    private static final int REJECTED = 2;
    private static final CredentialsStatus[] CREDENTIALS = {
        CredentialsStatus.PENDING, CredentialsStatus.ACCEPTED, CredentialsStatus.REJECTED
    };
    private static final String[] SUMMARY_FIELDS = {
        "name",
        "status",
        "quorum",
        "organisations",
        "members",
        "officials",
        "alternates",
        "summoned",
        "present",
        "seated",
        "absent",
        "accepted",
        "rejected"
    };

    private final MongoDatabase database;
    private final ViewStore store;
    private final MongoCollection<Document> congresses;
    private final ChangeListener changes;

    public CongressProjection(MongoDatabase database, ViewStore store, ChangeListener changes) {
        this.database = database;
        this.store = store;
        this.congresses = database.getCollection(CONGRESSES);
        this.changes = changes;
    }

    @EventHandler
    void on(CongressCreatedEvent event, @SequenceNumber long seq) {
        Fraction quorum = event.quorum() == null ? Fraction.TWO_THIRDS : event.quorum();
        List<Document> organisations = new ArrayList<>();
        long members = 0;
        for (Organisation org : event.organisations() == null ? List.<Organisation>of() : event.organisations()) {
            organisations.add(
                    new Document("code", org.code()).append("name", org.name()).append("members", org.members()));
            members += org.members();
        }
        apply(
                event.congressId(),
                seq,
                Change.of()
                        .set("name", event.name())
                        .set("status", CongressStatus.CONVENED.name())
                        .set(
                                "quorum",
                                new Document("numerator", quorum.numerator())
                                        .append("denominator", quorum.denominator()))
                        .set("organisations", organisations)
                        .set("members", members)
                        .set("officials", 0L)
                        .set("alternates", 0L)
                        .set("summoned", 0L)
                        .set("present", 0L)
                        .set("seated", 0L)
                        .set("absent", 0L)
                        .set("accepted", 0L)
                        .set("rejected", 0L)
                        .set(DELEGATES, new Document())
                        .set(SEATED_FOR, new Document())
                        .set(REPLACED_BY, new Document()));
    }

    /* The roster entry first: once the congress document counts a delegate, its entry is there. */
    @EventHandler
    void on(DelegateRegisteredEvent event, @SequenceNumber long seq) {
        DelegateKind kind = event.kind();
        store.insertOnce(
                rosterCollectionName(event.congressId()),
                new Document("_id", event.delegateId())
                        .append("no", seq)
                        .append("name", event.fullName())
                        .append("organisation", event.organisation())
                        .append("kind", kind.name()));
        Document state = new Document("o", kind == DelegateKind.OFFICIAL)
                .append("c", PENDING)
                .append("p", false)
                .append("a", false);
        Change change = Change.of().set(delegatePath(event.delegateId()), state);
        if (kind == DelegateKind.OFFICIAL) {
            change.inc("officials", 1).inc("summoned", 1);
        } else {
            change.inc("alternates", 1);
        }
        apply(event.congressId(), seq, change);
    }

    @EventHandler
    void on(CredentialsAcceptedEvent event, @SequenceNumber long seq) {
        apply(
                event.congressId(),
                seq,
                Change.of()
                        .set(delegatePath(event.delegateId()) + ".c", ACCEPTED)
                        .inc("accepted", 1));
    }

    /* The reason stays in the record; the public view shows only that the credentials were rejected. */
    @EventHandler
    void on(CredentialsRejectedEvent event, @SequenceNumber long seq) {
        String path = delegatePath(event.delegateId());
        applyToDelegates(
                event.congressId(),
                seq,
                before -> {
                    Seat seat = seat(before, event.delegateId());
                    return Change.of()
                            .set(path + ".c", REJECTED)
                            .inc("rejected", 1)
                            .inc("summoned", summonedChange(seat, seat.withCredentialsRejected()));
                },
                path,
                REPLACED_BY + "." + Keys.field(event.delegateId()));
    }

    @EventHandler
    void on(DelegateDeclaredAbsentEvent event, @SequenceNumber long seq) {
        String path = delegatePath(event.delegateId());
        applyToDelegates(
                event.congressId(),
                seq,
                before -> {
                    Seat seat = seat(before, event.delegateId());
                    return Change.of()
                            .set(path + ".a", true)
                            .inc("absent", 1)
                            .inc("summoned", summonedChange(seat, seat.declaredAbsent()));
                },
                path,
                REPLACED_BY + "." + Keys.field(event.delegateId()));
    }

    /* The official's seat is filled: an official excluded before counts in the base again. */
    @EventHandler
    void on(AlternateSeatedEvent event, @SequenceNumber long seq) {
        String official = Keys.field(event.replacedDelegateId());
        applyToDelegates(
                event.congressId(),
                seq,
                before -> {
                    Seat seat = seat(before, event.replacedDelegateId());
                    return Change.of()
                            .set(SEATED_FOR + "." + Keys.field(event.alternateId()), event.replacedDelegateId())
                            .set(REPLACED_BY + "." + official, event.alternateId())
                            .inc("seated", 1)
                            .inc("summoned", summonedChange(seat, seat.withAlternateSeated()));
                },
                DELEGATES + "." + official,
                REPLACED_BY + "." + official);
    }

    @EventHandler
    void on(DelegateCheckedInEvent event, @SequenceNumber long seq) {
        apply(
                event.congressId(),
                seq,
                Change.of().set(delegatePath(event.delegateId()) + ".p", true).inc("present", 1));
    }

    @EventHandler
    void on(DelegateCheckedOutEvent event, @SequenceNumber long seq) {
        apply(
                event.congressId(),
                seq,
                Change.of().set(delegatePath(event.delegateId()) + ".p", false).inc("present", -1));
    }

    @EventHandler
    void on(CredentialsVerifiedEvent event, @SequenceNumber long seq) {
        apply(
                event.congressId(),
                seq,
                Change.of()
                        .set("status", CongressStatus.CREDENTIALS_VERIFIED.name())
                        .set(
                                "verified",
                                new Document("officialsSummoned", event.officialsSummoned())
                                        .append("accepted", event.accepted())
                                        .append("rejected", event.rejected())));
    }

    @EventHandler
    void on(SessionOpenedEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of().set("status", CongressStatus.IN_SESSION.name()));
    }

    @EventHandler
    void on(CongressClosedEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of().set("status", CongressStatus.CLOSED.name()));
    }

    /**
     * Any other event of a congress (one the command side added later) still takes its place in the sequence, so that
     * the next known event does not look like one that arrived too early.
     */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> other) {
        if (AGGREGATE_TYPE.equals(other.getType())) {
            store.applyInSequence(CONGRESSES, other.getAggregateIdentifier(), other.getSequenceNumber(), Change.of());
        }
    }

    @QueryHandler
    public Optional<AttendanceResponse> handle(FetchAttendanceQuery query) {
        return summary(query.congressId()).map(CongressProjection::attendanceOf);
    }

    @QueryHandler
    public Optional<CongressResponse> handle(FetchCongressQuery query) {
        return summary(query.congressId()).map(congress -> {
            long officials = count(congress, "officials");
            long alternates = count(congress, "alternates");
            long accepted = count(congress, "accepted");
            long rejected = count(congress, "rejected");
            Document quorum = congress.get("quorum", Document.class);
            return new CongressResponse(
                    congress.getString("_id"),
                    congress.getString("name"),
                    CongressStatus.valueOf(congress.getString("status")),
                    new Fraction(quorum.getInteger("numerator"), quorum.getInteger("denominator")),
                    congress.getList("organisations", Document.class, List.of()).size(),
                    count(congress, "members"),
                    officials,
                    alternates,
                    count(congress, "seated"),
                    count(congress, "absent"),
                    accepted,
                    rejected,
                    officials + alternates - accepted - rejected,
                    attendanceOf(congress));
        });
    }

    /** At most this many congresses are listed: a server holds a few congresses, not thousands. */
    static final int LIST_MAX = 1000;

    /** Every congress created, by id: what the console offers to pick instead of an id typed from memory. */
    @QueryHandler
    public CongressListResponse handle(FetchCongressesQuery query) {
        List<CongressListResponse.Entry> list = new ArrayList<>();
        for (Document congress : congresses
                .find(exists("name"))
                .projection(Projections.include("name", "status"))
                .sort(new Document("_id", 1))
                .limit(LIST_MAX)) {
            list.add(new CongressListResponse.Entry(
                    congress.getString("_id"),
                    congress.getString("name"),
                    CongressStatus.valueOf(congress.getString("status"))));
        }
        return new CongressListResponse(list);
    }

    /* The congress document says who is on the roster and where each stands; the roster entries add the names. */
    @QueryHandler
    public Optional<RosterResponse> handle(FetchRosterQuery query) {
        Document congress = congresses
                .find(eq("_id", query.congressId()))
                .projection(Projections.include("name", "organisations", DELEGATES, SEATED_FOR, REPLACED_BY))
                .first();
        if (congress == null || congress.getString("name") == null) {
            return Optional.empty();
        }
        Map<String, String> organisationNames = new HashMap<>();
        for (Document org : congress.getList("organisations", Document.class, List.of())) {
            organisationNames.put(org.getString("code"), org.getString("name"));
        }
        Document states = congress.get(DELEGATES, new Document());
        Document seatedFor = congress.get(SEATED_FOR, new Document());
        Document replacedBy = congress.get(REPLACED_BY, new Document());
        List<Document> entries = new ArrayList<>();
        database.getCollection(rosterCollectionName(query.congressId())).find().forEach(entry -> {
            if (states.containsKey(Keys.field(entry.getString("_id")))) {
                entries.add(entry);
            }
        });
        entries.sort(Comparator.comparingLong(d -> d.get("no", Number.class).longValue()));
        return Optional.of(new RosterResponse(
                query.congressId(),
                entries.stream()
                        .map(entry -> {
                            String id = entry.getString("_id");
                            String key = Keys.field(id);
                            Document state = states.get(key, Document.class);
                            return new RosterResponse.Delegate(
                                    id,
                                    entry.getString("name"),
                                    entry.getString("organisation"),
                                    organisationNames.get(entry.getString("organisation")),
                                    DelegateKind.valueOf(entry.getString("kind")),
                                    CREDENTIALS[state.getInteger("c", PENDING)],
                                    state.getBoolean("p", false),
                                    seatedFor.getString(key),
                                    replacedBy.getString(key),
                                    state.getBoolean("a", false));
                        })
                        .toList()));
    }

    /** Ids of every congress with a view, for the recount. */
    public List<String> congressIds() {
        List<String> ids = new ArrayList<>();
        congresses.find().projection(Projections.include("_id")).forEach(c -> ids.add(c.getString("_id")));
        return ids;
    }

    private Optional<Document> summary(String congressId) {
        Document congress = congresses
                .find(eq("_id", congressId))
                .projection(Projections.include(SUMMARY_FIELDS))
                .first();
        return congress == null || congress.getString("name") == null ? Optional.empty() : Optional.of(congress);
    }

    private static AttendanceResponse attendanceOf(Document congress) {
        Document quorum = congress.get("quorum", Document.class);
        Fraction fraction = new Fraction(quorum.getInteger("numerator"), quorum.getInteger("denominator"));
        long summoned = count(congress, "summoned");
        long present = count(congress, "present");
        long required = fraction.atLeast(summoned);
        // An empty hall is never quorate, even for a congress that has summoned nobody yet.
        return new AttendanceResponse(
                congress.getString("_id"),
                congress.getString("name"),
                summoned,
                present,
                required,
                present > 0 && present >= required);
    }

    /** +1 if the change brings an official back into the base, -1 if it takes one out of it, else 0. */
    private static long summonedChange(Seat before, Seat after) {
        return (before.excluded() ? 1 : 0) - (after.excluded() ? 1 : 0);
    }

    /* A delegate the view has never heard of is not an official of it: the change moves no counter. */
    private static Seat seat(Document congress, String delegateId) {
        String key = Keys.field(delegateId);
        Document states = congress == null ? null : congress.get(DELEGATES, Document.class);
        Document state = states == null ? null : states.get(key, Document.class);
        Document replacedBy = congress == null ? null : congress.get(REPLACED_BY, Document.class);
        if (state == null) {
            return new Seat(false, false, false, false);
        }
        return new Seat(
                state.getBoolean("o", false),
                state.getInteger("c", PENDING) == REJECTED,
                state.getBoolean("a", false),
                replacedBy != null && replacedBy.getString(key) != null);
    }

    private static long count(Document congress, String field) {
        Number value = congress.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static String delegatePath(String delegateId) {
        return DELEGATES + "." + Keys.field(delegateId);
    }

    public static String rosterCollectionName(String congressId) {
        return Keys.collection(ROSTER_COLLECTION_PREFIX, congressId);
    }

    private void apply(String congressId, long seq, Change change) {
        if (store.applyInSequence(CONGRESSES, congressId, seq, change)) {
            notifyAttendance(congressId);
        }
    }

    private void notifyAttendance(String congressId) {
        store.afterWrite("attendance/" + congressId, () -> changes.attendanceChanged(congressId));
    }

    private void applyToDelegates(String congressId, long seq, Function<Document, Change> decide, String... fields) {
        if (store.applyInSequence(CONGRESSES, congressId, seq, decide, fields)) {
            notifyAttendance(congressId);
        }
    }
}
