package org.congressvote.query.election;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.congressvote.api.AggregateTypes;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.election.BallotBoxOpenedEvent;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CandidateListApprovedEvent;
import org.congressvote.api.election.CandidateNominatedEvent;
import org.congressvote.api.election.CandidateResult;
import org.congressvote.api.election.CandidateWithdrawnEvent;
import org.congressvote.api.election.CastBallotCommand;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.ElectorateBase;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.election.FetchPublishedBallotsQuery;
import org.congressvote.api.election.FetchReceiptQuery;
import org.congressvote.api.election.ListProposedEvent;
import org.congressvote.api.election.NewNamesAdmittedEvent;
import org.congressvote.api.election.NewNamesProposedEvent;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.ProposalRejectedEvent;
import org.congressvote.api.election.PublishedBallot;
import org.congressvote.api.election.PublishedBallotsResponse;
import org.congressvote.api.election.RankedAlternate;
import org.congressvote.api.election.ReceiptResponse;
import org.congressvote.api.election.ReleasedBallot;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundOpenedEvent;
import org.congressvote.api.election.RoundResult;
import org.congressvote.api.election.RoundStartedEvent;
import org.congressvote.api.election.RoundStatus;
import org.congressvote.api.election.SeatsDecidedEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.election.WithdrawalRequestedEvent;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.query.change.ChangeListener;
import org.congressvote.query.store.Change;
import org.congressvote.query.store.Keys;
import org.congressvote.query.store.StreamPosition;
import org.congressvote.query.store.ViewStore;
import org.springframework.stereotype.Component;

/**
 * Secret-ballot elections and their rounds, showing only what the ballot's secrecy allows.
 * <p>
 * An election document follows the election aggregate strictly in sequence: its rounds with their candidates, status
 * and, from each round's closing event, the count. While a round is open the only thing known of its ballots is how
 * many were returned: each {@link BallotCastEvent} is counted once in the round's turnout counters (like votes), noted
 * there by a hash of its participation id, never by name, and no view shows who returned one. The ballots themselves
 * arrive only in the closing event, shuffled and with no link to a delegate: they are kept as published, in that
 * order, in one document per round ({@code ballots}), which is what a receipt is checked against.
 */
@Component
@ProcessingGroup(ViewStore.PROCESSING_GROUP)
public class ElectionProjection {

    /** The command side's aggregate whose events the election documents follow. */
    public static final String AGGREGATE_TYPE = AggregateTypes.ELECTION;

    public static final String ELECTIONS = "elections";
    /** One document per round, {@code _id = roundId}: its election and number, to find a round by its id. */
    public static final String ROUNDS = "rounds";
    /** One document per closed round, {@code _id = roundId}: the published ballots. */
    public static final String BALLOTS = "ballots";
    /**
     * One document per round whose sealed box was opened, {@code _id = roundId}: the receipt hashes of the ballots
     * counted (kept apart from the ballots, so a receipt proves a ballot was counted and not what it said).
     */
    public static final String COUNTED = "counted_receipts";

    public static final String TURNOUT_COLLECTION_PREFIX = "turnout.";

    private final MongoDatabase database;
    private final ViewStore store;
    private final MongoCollection<Document> elections;
    private final MongoCollection<Document> rounds;
    private final MongoCollection<Document> ballots;
    private final MongoCollection<Document> counted;
    private final ChangeListener changes;

    public ElectionProjection(MongoDatabase database, ViewStore store, ChangeListener changes) {
        this.database = database;
        this.store = store;
        this.elections = database.getCollection(ELECTIONS);
        this.rounds = database.getCollection(ROUNDS);
        this.ballots = database.getCollection(BALLOTS);
        this.counted = database.getCollection(COUNTED);
        this.changes = changes;
        elections.createIndex(Indexes.ascending("congressId"), new IndexOptions().name("congressId"));
    }

    @EventHandler
    void on(ElectionCreatedEvent event, @SequenceNumber long seq, @Timestamp Instant createdAt) {
        DecisionRule rule = event.rule();
        update(
                event.congressId(),
                event.electionId(),
                seq,
                Change.of()
                        .set("congressId", event.congressId())
                        .set("title", event.title())
                        .set("seats", event.seats())
                        .set(
                                "rule",
                                new Document("base", rule.base().name())
                                        .append("numerator", rule.fraction().numerator())
                                        .append("denominator", rule.fraction().denominator())
                                        .append("strictlyMore", rule.strictlyMore()))
                        .set("procedure", event.procedure().name())
                        .set("createdAt", createdAt.toEpochMilli())
                        .set("seatsFilled", 0L)
                        .set("rounds", new ArrayList<Document>())
                        .set("alternateSeats", event.alternateSeats())
                        .set("electorateElectionId", event.electorateElectionId())
                        .set("electorateTitle", event.electorateTitle())
                        .set("eligibleFromElectionId", event.eligibleFromElectionId())
                        .set("excludingElectionIds", event.excludingElectionIds()));
    }

    /** A name put forward; whether the nominee consented is shown, not how (that stays in the record). */
    @EventHandler
    void on(CandidateNominatedEvent event, @SequenceNumber long seq) {
        update(
                event.congressId(),
                event.electionId(),
                seq,
                Change.of()
                        .push(
                                "nominees",
                                new Document("candidateId", event.candidateId())
                                        .append("fullName", event.fullName())
                                        .append(
                                                "kind",
                                                event.kind() == null
                                                        ? null
                                                        : event.kind().name())
                                        .append("nominatedBy", event.nominatedBy())
                                        .append("delegate", event.delegate())
                                        .append("consentRecorded", event.consent() != null)));
    }

    @EventHandler
    void on(SeatsProposedEvent event, @SequenceNumber long seq) {
        propose(
                event.congressId(),
                event.electionId(),
                seq,
                proposal(event.motionId(), ElectionResponse.ProposalKind.SEATS)
                        .append("seats", event.seats())
                        .append("surplus", event.surplus()));
    }

    @EventHandler
    void on(WithdrawalRequestedEvent event, @SequenceNumber long seq) {
        propose(
                event.congressId(),
                event.electionId(),
                seq,
                proposal(event.motionId(), ElectionResponse.ProposalKind.WITHDRAWAL)
                        .append("candidateId", event.candidateId())
                        .append("reason", event.reason()));
    }

    @EventHandler
    void on(ListProposedEvent event, @SequenceNumber long seq) {
        propose(
                event.congressId(),
                event.electionId(),
                seq,
                proposal(event.motionId(), ElectionResponse.ProposalKind.LIST)
                        .append("candidates", candidateDocuments(event.candidates())));
    }

    @EventHandler
    void on(NewNamesProposedEvent event, @SequenceNumber long seq) {
        propose(
                event.congressId(),
                event.electionId(),
                seq,
                proposal(event.motionId(), ElectionResponse.ProposalKind.NEW_NAMES)
                        .append("candidates", candidateDocuments(event.candidates()))
                        .append("round", event.round()));
    }

    /** The congress voted the seats (an election created with 0, the congress deciding them) and the surplus. */
    @EventHandler
    void on(SeatsDecidedEvent event, @SequenceNumber long seq) {
        update(
                event.congressId(),
                event.electionId(),
                seq,
                outcome(event.motionId(), true)
                        .set("seats", event.seats())
                        .set("surplus", event.surplus())
                        .set("seatsDecided", true));
    }

    @EventHandler
    void on(CandidateWithdrawnEvent event, @SequenceNumber long seq) {
        update(
                event.congressId(),
                event.electionId(),
                seq,
                outcome(event.motionId(), true).push("withdrawn", event.candidateId()));
    }

    @EventHandler
    void on(CandidateListApprovedEvent event, @SequenceNumber long seq) {
        update(
                event.congressId(),
                event.electionId(),
                seq,
                outcome(event.motionId(), true).set("approvedList", candidateDocuments(event.candidates())));
    }

    @EventHandler
    void on(NewNamesAdmittedEvent event, @SequenceNumber long seq) {
        update(event.congressId(), event.electionId(), seq, outcome(event.motionId(), true));
    }

    @EventHandler
    void on(ProposalRejectedEvent event, @SequenceNumber long seq) {
        update(event.congressId(), event.electionId(), seq, outcome(event.motionId(), false));
    }

    private static Document proposal(String motionId, ElectionResponse.ProposalKind kind) {
        return new Document("motionId", motionId).append("kind", kind.name());
    }

    private void propose(String congressId, String electionId, long seq, Document proposal) {
        update(congressId, electionId, seq, Change.of().push("proposals", proposal));
    }

    /* Outcomes are kept apart from the proposals (pushed, never edited in place) and joined when read. */
    private static Change outcome(String motionId, boolean adopted) {
        return Change.of().push("outcomes", new Document("motionId", motionId).append("adopted", adopted));
    }

    private static List<Document> candidateDocuments(List<Candidate> candidates) {
        return (candidates == null ? List.<Candidate>of() : candidates)
                .stream()
                        .map(c -> new Document("candidateId", c.candidateId()).append("fullName", c.fullName()))
                        .toList();
    }

    @EventHandler
    void on(RoundStartedEvent event, @SequenceNumber long seq) {
        // Written before the election document, and never changed: a repeat finds it there.
        store.insertOnce(
                ROUNDS,
                new Document("_id", event.roundId())
                        .append("electionId", event.electionId())
                        .append("round", event.round()));
        List<Document> candidates = event.candidates().stream()
                .map(c -> new Document("candidateId", c.candidateId()).append("fullName", c.fullName()))
                .toList();
        update(
                event.congressId(),
                event.electionId(),
                seq,
                Change.of()
                        .push(
                                "rounds",
                                new Document("roundId", event.roundId())
                                        .append("round", event.round())
                                        .append("seats", event.seats())
                                        .append("alternateSeats", event.alternateSeats())
                                        .append("candidates", candidates)
                                        .append("status", RoundStatus.STARTED.name())));
    }

    @EventHandler
    void on(RoundOpenedEvent event, @SequenceNumber long seq) {
        update(
                event.congressId(),
                event.electionId(),
                seq,
                Change.of().set(roundPath(event.round()) + ".status", RoundStatus.OPEN.name()));
    }

    /** The sealed box opened: which members opened it, and the receipts of the ballots counted. */
    @EventHandler
    void on(BallotBoxOpenedEvent event, @SequenceNumber long seq) {
        store.insertOnce(
                COUNTED,
                new Document("_id", event.roundId())
                        .append("electionId", event.electionId())
                        .append("round", event.round())
                        .append("receipts", event.countedReceipts())
                        .append("openedBy", event.openedBy())
                        .append("sharesRequired", event.sharesRequired()));
        update(event.congressId(), event.electionId(), seq, Change.of());
    }

    @EventHandler
    void on(RoundClosedEvent event, @SequenceNumber long seq) {
        // The ballot list first: once the election document shows the round closed, its ballots are there.
        List<Document> released = new ArrayList<>();
        for (ReleasedBallot ballot : event.ballots() == null ? List.<ReleasedBallot>of() : event.ballots()) {
            released.add(new Document("kept", ballot.kept())
                    .append("valid", ballot.valid())
                    .append("receiptHash", ballot.receiptHash()));
        }
        store.insertOnce(
                BALLOTS,
                new Document("_id", event.roundId())
                        .append("electionId", event.electionId())
                        .append("round", event.round())
                        .append("ballots", released));
        List<Document> results = new ArrayList<>();
        List<Document> alternates = new ArrayList<>();
        for (CandidateResult r : event.results() == null ? List.<CandidateResult>of() : event.results()) {
            results.add(new Document("candidateId", r.candidateId())
                    .append("fullName", r.fullName())
                    .append("votes", r.votes())
                    .append("reachedThreshold", r.reachedThreshold())
                    .append("elected", r.elected())
                    .append("alternateRank", r.alternateRank()));
            if (r.alternateRank() > 0) {
                alternates.add(new Document("rank", r.alternateRank())
                        .append("candidateId", r.candidateId())
                        .append("fullName", r.fullName())
                        .append("votes", r.votes())
                        .append("round", event.round()));
            }
        }
        alternates.sort(Comparator.comparingInt(a -> a.getInteger("rank")));
        List<String> elected = event.elected() == null ? List.of() : event.elected();
        Document result = new Document("summoned", event.summoned())
                .append("present", event.present())
                .append("issued", event.issued())
                .append("returned", event.returned())
                .append("valid", event.valid())
                .append("invalid", event.invalid())
                .append(
                        "base",
                        event.rule() == null ? null : event.rule().base().name())
                .append("baseCount", event.baseCount())
                .append("threshold", event.threshold())
                .append("results", results)
                .append("elected", elected)
                .append("tiedForLastSeat", event.tiedForLastSeat() == null ? List.of() : event.tiedForLastSeat())
                .append("seatsRemaining", event.seatsRemaining())
                .append("alternateSeats", event.alternateSeats())
                .append("alternates", alternates)
                .append("alternateSeatsRemaining", event.alternateSeatsRemaining())
                .append("tiedAtPosition", event.tiedAtPosition())
                .append("electorateTitle", event.electorateTitle())
                .append(
                        "baseText",
                        event.rule() == null
                                ? null
                                : ElectorateBase.text(
                                        event.electorateTitle(), event.rule(), event.baseCount(), event.threshold()));
        Change change = Change.of()
                .set(roundPath(event.round()) + ".status", RoundStatus.CLOSED.name())
                .set(roundPath(event.round()) + ".result", result)
                .inc("seatsFilled", elected.size());
        update(event.congressId(), event.electionId(), seq, change);
    }

    /* Participation only: counted once per (round, delegate), kept as a hash, shown as a number. */
    @EventHandler
    void on(
            BallotCastEvent event,
            @MetaDataValue(StreamPosition.PARTITION) Object partition,
            @MetaDataValue(StreamPosition.OFFSET) Object offset) {
        String participation = event.participationId() != null
                ? event.participationId()
                : CastBallotCommand.participationId(event.roundId(), event.delegateId());
        if (store.countOnce(
                turnoutCollectionName(event.roundId()),
                hash(participation),
                Change.of().inc("returned", 1),
                StreamPosition.of(partition, offset))) {
            notifyElection(event.congressId(), event.electionId());
        }
    }

    /** Any other event of an election still takes its place in the sequence (see {@code CongressProjection}). */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> other) {
        if (AGGREGATE_TYPE.equals(other.getType())) {
            store.applyInSequence(ELECTIONS, other.getAggregateIdentifier(), other.getSequenceNumber(), Change.of());
        }
    }

    @QueryHandler
    public List<ElectionResponse> handle(FetchElectionsQuery query) {
        List<ElectionResponse> found = new ArrayList<>();
        elections
                .find(Filters.and(eq("congressId", query.congressId()), Filters.exists("title")))
                .sort(Sorts.ascending("createdAt", "_id"))
                .forEach(election -> found.add(electionOf(election)));
        return found;
    }

    @QueryHandler
    public Optional<ElectionResponse> handle(FetchElectionQuery query) {
        return election(query.electionId()).map(this::electionOf);
    }

    @QueryHandler
    public Optional<PublishedBallotsResponse> handle(FetchPublishedBallotsQuery query) {
        return election(query.electionId())
                .flatMap(election -> round(election, query.round()))
                .map(round -> {
                    List<Candidate> candidates = candidatesOf(round);
                    RoundStatus status = RoundStatus.valueOf(round.getString("status"));
                    List<PublishedBallot> published = status == RoundStatus.CLOSED
                            ? publishedBallots(round.getString("roundId"), candidates)
                            : List.of();
                    return new PublishedBallotsResponse(
                            query.electionId(),
                            round.getString("roundId"),
                            query.round(),
                            status,
                            candidates,
                            published);
                });
    }

    @QueryHandler
    public Optional<ReceiptResponse> handle(FetchReceiptQuery query) {
        Document index = rounds.find(eq("_id", query.roundId())).first();
        if (index == null) {
            return Optional.empty();
        }
        String electionId = index.getString("electionId");
        int number = index.getInteger("round");
        return election(electionId).flatMap(election -> round(election, number)).map(round -> {
            RoundStatus status = RoundStatus.valueOf(round.getString("status"));
            if (status != RoundStatus.CLOSED) {
                return new ReceiptResponse(
                        query.roundId(), electionId, number, status, query.receiptHash(), false, null);
            }
            // A sealed round: the receipt is among those counted, and says nothing of the ballot (issue 14).
            Document sealed = counted.find(eq("_id", query.roundId())).first();
            if (sealed != null) {
                boolean found =
                        sealed.getList("receipts", String.class, List.of()).contains(query.receiptHash());
                return new ReceiptResponse(
                        query.roundId(), electionId, number, status, query.receiptHash(), found, null);
            }
            // A round closed before ballots were sealed: its receipts were published beside the ballots.
            PublishedBallot ballot = publishedBallots(query.roundId(), candidatesOf(round)).stream()
                    .filter(b -> query.receiptHash().equals(b.receiptHash()))
                    .findFirst()
                    .orElse(null);
            return new ReceiptResponse(
                    query.roundId(), electionId, number, status, query.receiptHash(), ballot != null, ballot);
        });
    }

    /** Ids of every election with a view, for the recount. */
    public List<String> electionIds() {
        List<String> ids = new ArrayList<>();
        elections.find().projection(Projections.include("_id")).forEach(e -> ids.add(e.getString("_id")));
        return ids;
    }

    /** Ballots returned in a round so far, as counted from the participation events. */
    public long turnout(String roundId) {
        long returned = 0;
        for (Document bucket : database.getCollection(turnoutCollectionName(roundId))
                .find()
                .projection(Projections.include("returned"))) {
            Number value = bucket.get("returned", Number.class);
            returned += value == null ? 0 : value.longValue();
        }
        return returned;
    }

    private Optional<Document> election(String electionId) {
        return Optional.ofNullable(elections.find(eq("_id", electionId)).first())
                .filter(election -> election.getString("title") != null);
    }

    private static Optional<Document> round(Document election, int number) {
        return election.getList("rounds", Document.class, List.of()).stream()
                .filter(round -> round.getInteger("round") == number)
                .findFirst();
    }

    private List<PublishedBallot> publishedBallots(String roundId, List<Candidate> candidates) {
        Document published = ballots.find(eq("_id", roundId)).first();
        if (published == null) {
            return List.of();
        }
        Map<String, Candidate> byId =
                candidates.stream().collect(Collectors.toMap(Candidate::candidateId, Function.identity(), (a, b) -> a));
        return published.getList("ballots", Document.class, List.of()).stream()
                .map(b -> new PublishedBallot(
                        b.getList("kept", String.class, List.of()).stream()
                                .map(id -> byId.getOrDefault(id, new Candidate(id, null)))
                                .toList(),
                        b.getBoolean("valid", false),
                        b.getString("receiptHash")))
                .toList();
    }

    private ElectionResponse electionOf(Document election) {
        Document rule = election.get("rule", Document.class);
        List<ElectionResponse.Round> roundViews = new ArrayList<>();
        List<RankedAlternate> alternates = new ArrayList<>();
        for (Document round : election.getList("rounds", Document.class, List.of())) {
            RoundStatus status = RoundStatus.valueOf(round.getString("status"));
            Document result = round.get("result", Document.class);
            RoundResult count = result == null ? null : resultOf(result);
            if (count != null) {
                alternates.addAll(count.alternates());
            }
            long turnout = count != null
                    ? count.returned()
                    : status == RoundStatus.OPEN ? turnout(round.getString("roundId")) : 0;
            roundViews.add(new ElectionResponse.Round(
                    round.getString("roundId"),
                    round.getInteger("round"),
                    round.getInteger("seats"),
                    candidatesOf(round),
                    status,
                    turnout,
                    count,
                    (int) count(round, "alternateSeats")));
        }
        return new ElectionResponse(
                election.getString("_id"),
                election.getString("congressId"),
                election.getString("title"),
                election.getInteger("seats"),
                new DecisionRule(
                        DecisionRule.Base.valueOf(rule.getString("base")),
                        new Fraction(rule.getInteger("numerator"), rule.getInteger("denominator")),
                        rule.getBoolean("strictlyMore")),
                (int) count(election, "seatsFilled"),
                roundViews,
                (int) count(election, "alternateSeats"),
                alternates.stream()
                        .sorted(Comparator.comparingInt(RankedAlternate::rank))
                        .toList(),
                election.getString("electorateElectionId"),
                election.getString("electorateTitle"),
                election.getString("eligibleFromElectionId"),
                election.getList("excludingElectionIds", String.class, List.of()),
                nominationsOf(election));
    }

    private static ElectionResponse.Nominations nominationsOf(Document election) {
        String procedure = election.getString("procedure");
        List<String> withdrawn = election.getList("withdrawn", String.class, List.of());
        List<ElectionResponse.Nominee> nominees = election.getList("nominees", Document.class, List.of()).stream()
                .map(n -> new ElectionResponse.Nominee(
                        n.getString("candidateId"),
                        n.getString("fullName"),
                        n.getString("kind") == null ? null : NominationKind.valueOf(n.getString("kind")),
                        n.getString("nominatedBy"),
                        n.getBoolean("delegate", false),
                        n.getBoolean("consentRecorded", false),
                        withdrawn.contains(n.getString("candidateId"))))
                .toList();
        Map<String, Boolean> outcomes = election.getList("outcomes", Document.class, List.of()).stream()
                .collect(Collectors.toMap(
                        o -> o.getString("motionId"), o -> o.getBoolean("adopted", false), (a, b) -> b));
        List<ElectionResponse.Proposal> proposals = election.getList("proposals", Document.class, List.of()).stream()
                .map(p -> {
                    Boolean adopted = outcomes.get(p.getString("motionId"));
                    return new ElectionResponse.Proposal(
                            p.getString("motionId"),
                            ElectionResponse.ProposalKind.valueOf(p.getString("kind")),
                            p.getInteger("seats"),
                            p.getInteger("surplus"),
                            p.getString("candidateId"),
                            p.getString("reason"),
                            p.containsKey("candidates") ? candidatesOf(p) : null,
                            p.getInteger("round"),
                            adopted == null
                                    ? ElectionResponse.ProposalOutcome.PENDING
                                    : adopted
                                            ? ElectionResponse.ProposalOutcome.ADOPTED
                                            : ElectionResponse.ProposalOutcome.REJECTED);
                })
                .toList();
        List<Document> approved = election.getList("approvedList", Document.class);
        return new ElectionResponse.Nominations(
                procedure == null ? ElectionProcedure.LIST_GIVEN : ElectionProcedure.valueOf(procedure),
                election.getBoolean("seatsDecided", false),
                (int) count(election, "surplus"),
                nominees,
                approved == null ? null : candidatesOf(new Document("candidates", approved)),
                proposals);
    }

    private static List<RankedAlternate> alternatesOf(Document holder) {
        return holder.getList("alternates", Document.class, List.of()).stream()
                .map(a -> new RankedAlternate(
                        a.getInteger("rank", 0),
                        a.getString("candidateId"),
                        a.getString("fullName"),
                        count(a, "votes"),
                        a.getInteger("round", 0)))
                .toList();
    }

    private static RoundResult resultOf(Document result) {
        List<CandidateResult> results = result.getList("results", Document.class, List.of()).stream()
                .map(r -> new CandidateResult(
                        r.getString("candidateId"),
                        r.getString("fullName"),
                        count(r, "votes"),
                        r.getBoolean("reachedThreshold", false),
                        r.getBoolean("elected", false),
                        (int) count(r, "alternateRank")))
                .toList();
        return new RoundResult(
                count(result, "summoned"),
                count(result, "present"),
                count(result, "issued"),
                count(result, "returned"),
                count(result, "valid"),
                count(result, "invalid"),
                result.getString("base") == null ? null : DecisionRule.Base.valueOf(result.getString("base")),
                count(result, "baseCount"),
                count(result, "threshold"),
                results,
                result.getList("elected", String.class, List.of()),
                result.getList("tiedForLastSeat", String.class, List.of()),
                (int) count(result, "seatsRemaining"),
                (int) count(result, "alternateSeats"),
                alternatesOf(result),
                (int) count(result, "alternateSeatsRemaining"),
                (int) count(result, "tiedAtPosition"),
                result.getString("electorateTitle"),
                result.getString("baseText"));
    }

    private static List<Candidate> candidatesOf(Document round) {
        return round.getList("candidates", Document.class, List.of()).stream()
                .map(c -> new Candidate(c.getString("candidateId"), c.getString("fullName")))
                .toList();
    }

    private static long count(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /* Rounds are numbered from 1 and pushed in order, strictly in sequence: round n is at index n - 1. */
    private static String roundPath(int round) {
        return "rounds." + (round - 1);
    }

    private void update(String congressId, String electionId, long seq, Change change) {
        if (store.applyInSequence(ELECTIONS, electionId, seq, change)) {
            notifyElection(congressId, electionId);
        }
    }

    private void notifyElection(String congressId, String electionId) {
        store.afterWrite("election/" + electionId, () -> changes.electionChanged(congressId, electionId));
    }

    public static String turnoutCollectionName(String roundId) {
        return Keys.collection(TURNOUT_COLLECTION_PREFIX, roundId);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
