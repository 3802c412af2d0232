package org.congressvote.query.congress;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
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
import org.congressvote.api.congress.FetchRosterQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RosterResponse;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.store.Change;
import org.congressvote.query.store.Keys;
import org.congressvote.query.store.ViewStore;
import org.springframework.stereotype.Component;

/**
 * Each congress as one document: status, quorum, organisations, the roster with each delegate's kind, credentials,
 * seat and presence, and the counters attendance is read from. One document per congress, so that every event is one
 * atomic change applied strictly in the congress aggregate's sequence (see {@link ViewStore}).
 * <p>
 * Delegates summoned follow docs/domain.md: the official delegates, less those declared absent for the whole congress
 * or whose credentials were rejected, each unless an alternate sits in their place. Present: delegates checked in.
 */
@Component
@ProcessingGroup(CongressProjection.PROCESSING_GROUP)
public class CongressProjection {

    public static final String PROCESSING_GROUP = "attendance";
    /** The command side's aggregate whose events this view follows. */
    public static final String AGGREGATE_TYPE = "Congress";
    public static final String CONGRESSES = "congresses";

    private static final String DELEGATES = "delegates";
    private static final String[] SUMMARY_FIELDS = {"name", "status", "quorum", "organisations", "members",
            "officials", "alternates", "summoned", "present", "seated", "absent", "accepted", "rejected"};

    private final ViewStore store;
    private final MongoCollection<Document> congresses;
    private final ChangeListener changes;

    public CongressProjection(MongoDatabase database, ViewStore store, ChangeListener changes) {
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
            organisations.add(new Document("code", org.code()).append("name", org.name())
                    .append("members", org.members()));
            members += org.members();
        }
        apply(event.congressId(), seq, Change.of()
                .set("name", event.name())
                .set("status", CongressStatus.CONVENED.name())
                .set("quorum", new Document("numerator", quorum.numerator()).append("denominator", quorum.denominator()))
                .set("organisations", organisations)
                .set("members", members)
                .set("officials", 0L).set("alternates", 0L).set("summoned", 0L).set("present", 0L)
                .set("seated", 0L).set("absent", 0L).set("accepted", 0L).set("rejected", 0L)
                .set(DELEGATES, new Document()));
    }

    @EventHandler
    void on(DelegateRegisteredEvent event, @SequenceNumber long seq) {
        DelegateKind kind = event.kind() == null ? DelegateKind.OFFICIAL : event.kind();
        Document delegate = new Document("id", event.delegateId())
                .append("no", seq)
                .append("name", event.fullName())
                .append("organisation", event.organisation())
                .append("kind", kind.name())
                .append("credentials", CredentialsStatus.PENDING.name())
                .append("present", false)
                .append("declaredAbsent", false);
        Change change = Change.of().set(delegatePath(event.delegateId()), delegate);
        if (kind == DelegateKind.OFFICIAL) {
            change.inc("officials", 1).inc("summoned", 1);
        } else {
            change.inc("alternates", 1);
        }
        apply(event.congressId(), seq, change);
    }

    @EventHandler
    void on(CredentialsAcceptedEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of()
                .set(delegatePath(event.delegateId()) + ".credentials", CredentialsStatus.ACCEPTED.name())
                .inc("accepted", 1));
    }

    /* The reason stays in the record; the public view shows only that the credentials were rejected. */
    @EventHandler
    void on(CredentialsRejectedEvent event, @SequenceNumber long seq) {
        String path = delegatePath(event.delegateId());
        applyToDelegates(event.congressId(), seq, before -> {
            Document delegate = delegate(before, event.delegateId());
            Document after = copyOf(delegate).append("credentials", CredentialsStatus.REJECTED.name());
            return Change.of()
                    .set(path + ".credentials", CredentialsStatus.REJECTED.name())
                    .inc("rejected", 1)
                    .inc("summoned", summonedChange(delegate, after));
        }, path);
    }

    @EventHandler
    void on(DelegateDeclaredAbsentEvent event, @SequenceNumber long seq) {
        String path = delegatePath(event.delegateId());
        applyToDelegates(event.congressId(), seq, before -> {
            Document delegate = delegate(before, event.delegateId());
            Document after = copyOf(delegate).append("declaredAbsent", true);
            return Change.of()
                    .set(path + ".declaredAbsent", true)
                    .inc("absent", 1)
                    .inc("summoned", summonedChange(delegate, after));
        }, path);
    }

    /* The official's seat is filled: an official excluded before counts in the base again. */
    @EventHandler
    void on(AlternateSeatedEvent event, @SequenceNumber long seq) {
        String official = delegatePath(event.replacedDelegateId());
        String alternate = delegatePath(event.alternateId());
        applyToDelegates(event.congressId(), seq, before -> {
            Document replaced = delegate(before, event.replacedDelegateId());
            Document after = copyOf(replaced).append("replacedBy", event.alternateId());
            return Change.of()
                    .set(alternate + ".seatedFor", event.replacedDelegateId())
                    .set(official + ".replacedBy", event.alternateId())
                    .inc("seated", 1)
                    .inc("summoned", summonedChange(replaced, after));
        }, official);
    }

    @EventHandler
    void on(DelegateCheckedInEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of()
                .set(delegatePath(event.delegateId()) + ".present", true)
                .inc("present", 1));
    }

    @EventHandler
    void on(DelegateCheckedOutEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of()
                .set(delegatePath(event.delegateId()) + ".present", false)
                .inc("present", -1));
    }

    @EventHandler
    void on(CredentialsVerifiedEvent event, @SequenceNumber long seq) {
        apply(event.congressId(), seq, Change.of()
                .set("status", CongressStatus.CREDENTIALS_VERIFIED.name())
                .set("verified", new Document("officialsSummoned", event.officialsSummoned())
                        .append("accepted", event.accepted()).append("rejected", event.rejected())));
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
            return new CongressResponse(congress.getString("_id"), congress.getString("name"),
                    CongressStatus.valueOf(congress.getString("status")),
                    new Fraction(quorum.getInteger("numerator"), quorum.getInteger("denominator")),
                    congress.getList("organisations", Document.class, List.of()).size(), count(congress, "members"),
                    officials, alternates, count(congress, "seated"), count(congress, "absent"), accepted, rejected,
                    officials + alternates - accepted - rejected, attendanceOf(congress));
        });
    }

    @QueryHandler
    public Optional<RosterResponse> handle(FetchRosterQuery query) {
        Document congress = congresses.find(eq("_id", query.congressId()))
                .projection(Projections.include("name", "organisations", DELEGATES)).first();
        if (congress == null || congress.getString("name") == null) {
            return Optional.empty();
        }
        Map<String, String> organisationNames = new HashMap<>();
        for (Document org : congress.getList("organisations", Document.class, List.of())) {
            organisationNames.put(org.getString("code"), org.getString("name"));
        }
        List<Document> delegates = new ArrayList<>();
        congress.get(DELEGATES, new Document()).values().forEach(d -> delegates.add((Document) d));
        delegates.sort(Comparator.comparingLong(d -> d.get("no", Number.class).longValue()));
        return Optional.of(new RosterResponse(query.congressId(), delegates.stream()
                .map(d -> new RosterResponse.Delegate(d.getString("id"), d.getString("name"),
                        d.getString("organisation"), organisationNames.get(d.getString("organisation")),
                        DelegateKind.valueOf(d.getString("kind")),
                        CredentialsStatus.valueOf(d.getString("credentials")),
                        Boolean.TRUE.equals(d.getBoolean("present")), d.getString("seatedFor"),
                        d.getString("replacedBy"), Boolean.TRUE.equals(d.getBoolean("declaredAbsent"))))
                .toList()));
    }

    /** Ids of every congress with a view, for the recount. */
    public List<String> congressIds() {
        List<String> ids = new ArrayList<>();
        congresses.find().projection(Projections.include("_id")).forEach(c -> ids.add(c.getString("_id")));
        return ids;
    }

    private Optional<Document> summary(String congressId) {
        Document congress = congresses.find(eq("_id", congressId))
                .projection(Projections.include(SUMMARY_FIELDS)).first();
        return congress == null || congress.getString("name") == null ? Optional.empty() : Optional.of(congress);
    }

    private static AttendanceResponse attendanceOf(Document congress) {
        Document quorum = congress.get("quorum", Document.class);
        Fraction fraction = new Fraction(quorum.getInteger("numerator"), quorum.getInteger("denominator"));
        long summoned = count(congress, "summoned");
        long present = count(congress, "present");
        long required = fraction.atLeast(summoned);
        // An empty hall is never quorate, even for a congress that has summoned nobody yet.
        return new AttendanceResponse(congress.getString("_id"), congress.getString("name"), summoned, present,
                required, present > 0 && present >= required);
    }

    /** +1 if the change brings an official back into the base, -1 if it takes one out of it, else 0. */
    private static long summonedChange(Document before, Document after) {
        return (excluded(before) ? 1 : 0) - (excluded(after) ? 1 : 0);
    }

    /** An official out of the base: declared absent, or credentials rejected, and no alternate in their place. */
    static boolean excluded(Document delegate) {
        return DelegateKind.OFFICIAL.name().equals(delegate.getString("kind"))
                && delegate.getString("replacedBy") == null
                && (Boolean.TRUE.equals(delegate.getBoolean("declaredAbsent"))
                || CredentialsStatus.REJECTED.name().equals(delegate.getString("credentials")));
    }

    private static Document delegate(Document congress, String delegateId) {
        Document delegates = congress == null ? null : congress.get(DELEGATES, Document.class);
        Document delegate = delegates == null ? null : delegates.get(Keys.field(delegateId), Document.class);
        // A delegate the view has never heard of is not an official of it: the change moves no counter.
        return delegate == null ? new Document() : delegate;
    }

    private static Document copyOf(Document document) {
        return new Document(document);
    }

    private static long count(Document congress, String field) {
        Number value = congress.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static String delegatePath(String delegateId) {
        return DELEGATES + "." + Keys.field(delegateId);
    }

    private void apply(String congressId, long seq, Change change) {
        if (store.applyInSequence(CONGRESSES, congressId, seq, change)) {
            changes.attendanceChanged(congressId);
        }
    }

    private void applyToDelegates(String congressId, long seq, Function<Document, Change> decide,
                                  String path) {
        if (store.applyInSequence(CONGRESSES, congressId, seq, decide, path)) {
            changes.attendanceChanged(congressId);
        }
    }
}
