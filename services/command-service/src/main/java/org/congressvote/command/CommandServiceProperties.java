package org.congressvote.command;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the command-service ({@code congress.*} in application.yml), with its default, in one place; times
 * are {@link Duration}s ("100ms", "10s", "15m", "12h"), sizes {@link DataSize}s ("64KB"). Checked when the service
 * starts: a setting that cannot work stops it with a sentence saying why. Axon's and Spring's own settings
 * ({@code axon.*}, {@code spring.*}) are read through their own properties classes.
 */
@ConfigurationProperties("congress")
public record CommandServiceProperties(
        @DefaultValue Security security,
        @DefaultValue Pages pages,
        @DefaultValue Web web,
        @DefaultValue AggregateCache aggregateCache,
        @DefaultValue EventStore eventStore,
        @DefaultValue KafkaPublisher kafkaPublisher,
        @DefaultValue Audit audit,
        @DefaultValue Counting counting,
        @DefaultValue LogSigning logSigning,
        @DefaultValue Metrics metrics,
        @DefaultValue Demo demo) {

    /**
     * @param staffSession         how long a staff sign-in lasts
     * @param delegateSession      how long a delegate's card sign-in lasts
     * @param adminPassword        the first administrator's password (CONGRESS_ADMIN_PASSWORD); empty: one is generated
     *                             and printed once
     * @param sessionCache         a valid session is read from the session table at most once per this long; a session
     *                             revoked by another instance keeps working for at most that long (docs/security.md)
     * @param sessionCacheEntries  sessions the cache holds
     * @param cardGuessesPerMinute card codes tried and not found, from all addresses together, per minute; beyond it
     *                             every card sign-in waits for the next minute
     */
    public record Security(
            @DefaultValue("12h") Duration staffSession,
            @DefaultValue("48h") Duration delegateSession,
            @DefaultValue("") String adminPassword,
            @DefaultValue("2s") Duration sessionCache,
            @DefaultValue("200000") int sessionCacheEntries,
            @DefaultValue("60") int cardGuessesPerMinute) {
        public Security {
            positive("congress.security.staff-session", staffSession);
            positive("congress.security.delegate-session", delegateSession);
            if (sessionCache.isNegative()) {
                throw new IllegalArgumentException(
                        "congress.security.session-cache (" + sessionCache + ") must not be negative.");
            }
            if (cardGuessesPerMinute < 1) {
                throw new IllegalArgumentException("congress.security.card-guesses-per-minute (" + cardGuessesPerMinute
                        + ") must be at least 1: with 0 no delegate could sign in.");
            }
        }
    }

    /**
     * @param queryBase the query-service's address as phones and the console reach it; empty: the same host on port
     *                  8082
     */
    public record Pages(@DefaultValue("") String queryBase) {
        public Pages {
            queryBase = queryBase == null ? "" : queryBase.replaceAll("/+$", "");
        }
    }

    /**
     * @param maxCommand a command's largest body
     * @param maxRoster  a roster file's largest body
     * @param admission  how many commands run and wait at once before the rest are shed (CommandAdmission)
     */
    public record Web(
            @DefaultValue("64KB") DataSize maxCommand,
            @DefaultValue("16MB") DataSize maxRoster,
            @DefaultValue Admission admission) {}

    /**
     * Commands (POST/PUT/PATCH/DELETE under /api/) past {@code concurrency} running and {@code queue} waiting, or
     * waiting longer than {@code maxWait}, are answered 503 OVERLOADED with {@code retryAfter} and change nothing.
     */
    public record Admission(
            @DefaultValue("32") int concurrency,
            @DefaultValue("400") int queue,
            @DefaultValue("1s") Duration maxWait,
            @DefaultValue("2s") Duration retryAfter) {

        public Admission {
            if (concurrency < 1 || queue < 0 || maxWait.isNegative() || retryAfter.toSeconds() < 1) {
                throw new IllegalArgumentException("congress.web.admission: concurrency (" + concurrency
                        + ") must be at least 1, queue (" + queue + ") and max-wait (" + maxWait
                        + ") at least 0, retry-after (" + retryAfter + ") at least 1s");
            }
        }
    }

    /** @param entries aggregates (congresses, motions) kept in memory between commands */
    public record AggregateCache(@DefaultValue("10000") long entries) {}

    /** @param fetchDelay how often the event store polls for events another command-service instance stored */
    public record EventStore(@DefaultValue("100ms") Duration fetchDelay) {}

    /**
     * @param batchSize                  events the publisher sends per transaction; after a failure it sends at most
     *                                   that many again
     * @param ackTimeout                 how long a batch waits for Kafka's acknowledgements before it is retried
     * @param readersDuplicateWindow     the query side's congress.tally.duplicate-window: the records each counter
     *                                   remembers to recognise one sent twice, so the batch must be smaller
     */
    public record KafkaPublisher(
            @DefaultValue("200") int batchSize,
            @DefaultValue("10s") Duration ackTimeout,
            @DefaultValue("500") int readersDuplicateWindow) {
        public KafkaPublisher {
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "congress.kafka-publisher.batch-size (" + batchSize + ") must be at least 1.");
            }
            if (batchSize >= readersDuplicateWindow) {
                throw new IllegalArgumentException("congress.kafka-publisher.batch-size (" + batchSize + ") must be "
                        + "smaller than the query side's duplicate window (congress.kafka-publisher."
                        + "readers-duplicate-window, " + readersDuplicateWindow + "): a batch published again after a "
                        + "failure would have its votes counted twice. Raise congress.tally.duplicate-window on the "
                        + "query side first, then both settings here.");
            }
            positive("congress.kafka-publisher.ack-timeout", ackTimeout);
        }
    }

    /**
     * @param chainGrace      a stored event the hash chain has not taken up this long after its time stamp fails
     *                        verification, and closes refuse to count (docs/security.md)
     * @param reissueFlag     a vote cast this soon after its delegate's card was re-issued is flagged on the named
     *                        votes and in the minutes
     * @param crossCheckGrace GET /api/audit/cross-check: a stored event not on the Kafka topic this long after its time
     *                        stamp is missing there
     */
    public record Audit(
            @DefaultValue("10s") Duration chainGrace,
            @DefaultValue("15m") Duration reissueFlag,
            @DefaultValue("60s") Duration crossCheckGrace) {
        public Audit {
            positive("congress.audit.chain-grace", chainGrace);
            positive("congress.audit.cross-check-grace", crossCheckGrace);
            if (reissueFlag.isNegative()) {
                throw new IllegalArgumentException(
                        "congress.audit.reissue-flag (" + reissueFlag + ") must not be negative.");
            }
        }
    }

    /**
     * @param demoCommittee true for the demo and tests only: the server runs each round's key ceremony itself (1 share
     *                      of 1, held in memory); a real congress leaves it false (docs/security.md, "Sealed ballots")
     */
    public record Counting(@DefaultValue("false") boolean demoCommittee) {}

    /**
     * @param keyFile      the Ed25519 key that signs the log's tree heads: a file outside the database, generated if
     *                     absent
     * @param headsTopic   the Kafka topic every signed tree head is published to
     * @param firstHead    when the first periodic head is signed after the start
     * @param headInterval a signed tree head at least this often while the log grows (and one at every close)
     */
    public record LogSigning(
            @DefaultValue("data/log-signing-key.pem") Path keyFile,
            @DefaultValue("congress-log-heads") String headsTopic,
            @DefaultValue("5s") Duration firstHead,
            @DefaultValue("60s") Duration headInterval) {
        public LogSigning {
            positive("congress.log-signing.head-interval", headInterval);
        }
    }

    /**
     * @param chainVerifyInterval how often the background verification behind the congress_chain_intact gauge runs
     * @param token               empty: /actuator/prometheus answers loopback callers only
     * @param commands            counts and times every command (false only to measure what that costs)
     */
    public record Metrics(
            @DefaultValue("10m") Duration chainVerifyInterval,
            @DefaultValue("") String token,
            @DefaultValue("true") boolean commands) {
        public Metrics {
            positive("congress.metrics.chain-verify-interval", chainVerifyInterval);
        }
    }

    /**
     * @param enabled   seeds the demo congress at start (run-local.sh --demo)
     * @param cardsFile where the demo writes its delegates' card codes; empty: nowhere
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String cardsFile) {}

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " (" + value + ") must be longer than zero.");
        }
    }
}
