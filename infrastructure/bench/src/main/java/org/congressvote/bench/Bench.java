package org.congressvote.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One benchmark run: starts the servers and both services on loopback (see {@link BenchSystem}), measures the raw
 * limits of the servers, the three shapes of load (the seed congress's burst, a referendum, a motion with many
 * voters), open-loop latency at fixed rates, vote-to-projection latency and projection rebuild speed, then writes a
 * report and the measured section of docs/benchmarks.md. Every loop is bounded in count and in time.
 *
 * <pre>java -cp ... org.congressvote.bench.Bench --command-jar JAR --query-jar JAR --data DIR --docs FILE
 *      [--voters 100000] [--rates 100,500,1000,2000] [--rebuild 100000,1000000] [--phones 32]
 *      [--stages raw,seed,referendum,assembly,rebuild]</pre>
 */
public final class Bench {

    private static final long START = System.nanoTime();
    /**
     * Concurrent set-up requests (check-in desks). Set-up commands all go to one Congress aggregate, decided one at a
     * time; 32 at once exhausted the command-service's 20 connections (see docs/benchmarks.md).
     */
    private static final int SETUP_DESKS = 8;

    private final Map<String, String> options;
    private final Report report = new Report();
    private BenchSystem system;
    private Api api;

    private Bench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int status = new Bench(options).run();
        System.exit(status);
    }

    static void log(String format, Object... args) {
        System.out.printf(
                "[bench %5ds] %s%n", (System.nanoTime() - START) / 1_000_000_000L, String.format(format, args));
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int run() throws Exception {
        Path data = Path.of(option("data", "target/bench-data")).toAbsolutePath();
        Path docs = Path.of(option("docs", "docs/benchmarks.md")).toAbsolutePath();
        Set<String> stages =
                Set.of(option("stages", "raw,seed,referendum,assembly,rebuild").split(","));
        int phones = Integer.parseInt(option("phones", "32"));
        report.machine(option("git", "?"));
        log("data in %s", data);
        RealServersCleanup.delete(data);
        system = BenchSystem.startServers(data, Path.of(option("command-jar", "")), Path.of(option("query-jar", "")));
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bench-system-stopper"));
        Map<String, Long> pids = new LinkedHashMap<>();
        try {
            if (stages.contains("raw")) {
                rawLimits(phones);
            }
            log("starting the services");
            system.startServices();
            pids.put("command-service", system.commands.pid());
            pids.put("query-service", system.queries.pid());
            pids.put("PostgreSQL", system.postgres.postmasterPid());
            pids.put("Kafka", system.kafka.pid());
            pids.put("MongoDB-wire", system.mongo.pid());
            pids.put("bench driver", ProcessHandle.current().pid());
            api = new Api(system.commandUrl(), system.queryUrl());
            api.signInAsStaff(BenchSystem.ADMIN_PASSWORD);
            if (stages.contains("seed")) {
                seedBurst();
            }
            if (stages.contains("referendum")) {
                Api.Congress referendum = referendum(phones);
                openLoops(referendum, pids);
            }
            // before the big assembly: its attendance backlog keeps the MongoDB-wire server busy for a long time
            if (stages.contains("rebuild")) {
                for (String size : option("rebuild", "100000,1000000").split(",")) {
                    rebuild(Long.parseLong(size.trim()));
                }
            }
            if (stages.contains("assembly")) {
                assembly(Integer.parseInt(option("voters", "100000")), phones, pids);
            }
        } catch (Exception e) {
            log("FAILED: %s", e);
            e.printStackTrace(System.out);
            report.note("The run stopped early: " + e);
        } finally {
            log("stopping the system (the services write their flight recordings)");
            system.close();
        }
        if (Api.SETUP_RETRIES.get() > 0) {
            report.note(String.format(
                    "Set-up requests answered 5xx and retried: %d; the first: %s",
                    Api.SETUP_RETRIES.get(), Api.firstSetupRetry));
        }
        report.profiles(system);
        Path out = data.resolve("bench-report.md");
        Files.writeString(out, report.markdown());
        report.updateDocs(docs);
        log("report: %s; docs updated: %s", out, docs);
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void rawLimits(int phones) throws Exception {
        log("raw limits: PostgreSQL");
        String jdbc = system.postgres.jdbcUrl();
        for (int threads : new int[] {1, 8, 20, phones}) {
            report.raw(
                    "PostgreSQL single-row insert + commit (fsync on), " + threads + " client threads",
                    RawLimits.postgresInserts(jdbc, threads, 6),
                    "rows/s");
        }
        log("raw limits: Kafka");
        RawLimits.createTopic(system.kafka.bootstrapServers(), "bench-raw", 4);
        report.raw(
                "Kafka producer (acks=all, idempotent, linger 2 ms), batches of 200 awaited (the publisher's way)",
                RawLimits.kafkaRecords(system.kafka.bootstrapServers(), "bench-raw", 100_000, 200),
                "records/s");
        report.raw(
                "Kafka producer, same settings, 10,000 in flight",
                RawLimits.kafkaRecords(system.kafka.bootstrapServers(), "bench-raw", 200_000, 10_000),
                "records/s");
        log("raw limits: MongoDB-wire");
        for (int threads : new int[] {1, 8}) {
            report.raw(
                    "MongoDB-wire (H2) counter update ($inc, upsert by _id), " + threads + " client threads",
                    RawLimits.mongoCounterUpdates(system.mongoUri(), threads, 6),
                    "updates/s");
        }
        double[] voteUpdates = RawLimits.mongoVoteUpdates(system.mongoUri(), 100_000, 100);
        report.raw(
                "MongoDB-wire: the query side's vote writes in batches of 100 (one guarded update per partition "
                        + "counter, voters pushed into its window of 500), first 10,000 of 100,000 voters",
                voteUpdates[0],
                "votes/s");
        report.raw("MongoDB-wire: the same, last 10,000 of 100,000 voters", voteUpdates[1], "votes/s");
    }

    private void seedBurst() throws Exception {
        log("shape 1: the seed congress's burst, 245 delegates within ten seconds");
        Api.Congress congress = api.setUpCongress("seed", 245, SETUP_DESKS, Duration.ofMinutes(5));
        try (LiveTally live = new LiveTally(system.queryUrl() + "/api/congresses/seed/live")) {
            Thread.sleep(1000);
            api.openMotion("seed", "seed-agenda");
            awaitSeen(live, "seed-agenda", Duration.ofSeconds(30));
            VoteLoad load = new VoteLoad(system.commandUrl(), congress, "seed-agenda", 0, 245).openLoop(24.5, 245, 60);
            long counted = live.awaitVoted("seed-agenda", 245, Duration.ofSeconds(60));
            double lag = counted < 0 ? Double.NaN : (counted - load.lastAcceptedAt.get()) / 1e9;
            report.shape(
                    "Seed congress burst: 245 delegates vote within 10 s (open loop, 24.5/s)",
                    load,
                    load.projectionLatency(live),
                    lag);
            report.goal(
                    "Burst fully counted on the dashboard within 1 s of the last vote",
                    lag <= 1.0,
                    String.format("%.3f s from the last 201 to the live tally showing 245", lag));
            api.closeMotion("seed-agenda");
        }
    }

    private Api.Congress referendum(int phones) throws Exception {
        log("shape 2: a referendum of 5,008 members");
        Api.Congress congress = api.setUpCongress("referendum", 5008, SETUP_DESKS, Duration.ofMinutes(10));
        try (LiveTally live = new LiveTally(system.queryUrl() + "/api/congresses/referendum/live")) {
            Thread.sleep(1000);
            api.openMotion("referendum", "referendum-q1");
            awaitSeen(live, "referendum-q1", Duration.ofSeconds(120));
            VoteLoad load =
                    new VoteLoad(system.commandUrl(), congress, "referendum-q1", 0, 5008).closedLoop(phones, 1000, 300);
            long counted = live.awaitVoted("referendum-q1", load.accepted.get(), Duration.ofSeconds(300));
            double lag = counted < 0 ? Double.NaN : (counted - load.lastAcceptedAt.get()) / 1e9;
            report.shape(
                    "Referendum: 5,008 members vote as fast as " + phones + " phones at a time can",
                    load,
                    load.projectionLatency(live),
                    lag);
            api.closeMotion("referendum-q1");
        }
        return congress;
    }

    private void assembly(int voters, int phones, Map<String, Long> pids) throws Exception {
        log("shape 3: an assembly of %,d voters (set-up not measured)", voters);
        long setup = System.nanoTime();
        Api.Congress congress = api.setUpCongress("assembly", voters, SETUP_DESKS, Duration.ofMinutes(40));
        report.note(String.format(
                "Set-up of the %,d-voter assembly (roster in files of 10,000, credentials, check-in, "
                        + "card exchange; not measured as such) took %d s.",
                voters, Api.secondsSince(setup)));
        long readSide = System.nanoTime();
        boolean caughtUp = awaitAttendance("assembly", voters, Duration.ofMinutes(3));
        report.note(String.format(
                "After that set-up the query side showed all %,d present %s %d s later.",
                voters, caughtUp ? "" : "NOT EVEN", Api.secondsSince(readSide)));
        try (LiveTally live = new LiveTally(system.queryUrl() + "/api/congresses/assembly/live")) {
            Thread.sleep(1000);
            log("sustained: one motion, %,d voters, %d phones (closed loop)", voters, phones);
            String motion = "assembly-all";
            api.openMotion("assembly", motion);
            awaitSeen(live, motion, Duration.ofSeconds(120));
            Map<String, Double> cpu0 = Profile.cpu(pids);
            Instant from = Instant.now();
            VoteLoad load =
                    new VoteLoad(system.commandUrl(), congress, motion, 0, voters).closedLoop(phones, 10_000, 1200);
            Instant to = Instant.now();
            Map<String, Double> cpu = Profile.delta(cpu0, Profile.cpu(pids));
            long stored = storedVotes(motion);
            long counted = live.awaitVoted(motion, load.accepted.get(), Duration.ofMinutes(10));
            double lag = counted < 0 ? Double.NaN : (counted - load.lastAcceptedAt.get()) / 1e9;
            Instant readSideDone = Instant.now();
            report.sustained(load, stored, lag, Profile.format(cpu, load.seconds()));
            report.window("sustained", from, to);
            report.window("sustained, read side until caught up", from, readSideDone);
            double rate = stored / load.seconds();
            report.goal(
                    "At least 2,000 votes/s accepted and stored, sustained",
                    rate >= 2000,
                    String.format("%.0f votes/s over %,d votes (%.0f s)", rate, stored, load.seconds()));
            api.closeMotion(motion);
        }
    }

    /**
     * Open loop at fixed rates on the referendum's 5,008 members: a rate needing more votes than members spreads them
     * over several motions open at once (vote i on motion i mod k), each delegate voting once per motion.
     */
    private void openLoops(Api.Congress congress, Map<String, Long> pids) throws Exception {
        try (LiveTally live = new LiveTally(system.queryUrl() + "/api/congresses/" + congress.congressId() + "/live")) {
            Thread.sleep(1000);
            for (String r : option("rates", "100,500,1000,2000").split(",")) {
                int rate = Integer.parseInt(r.trim());
                int votes = rate <= 1000 ? rate * 20 : rate * 15;
                int k = (votes + congress.tokens().length - 1) / congress.tokens().length;
                String[] motions = new String[k];
                for (int m = 0; m < k; m++) {
                    motions[m] = "open-loop-" + rate + "-" + m;
                    api.openMotion(congress.congressId(), motions[m]);
                }
                for (String motion : motions) {
                    awaitSeen(live, motion, Duration.ofSeconds(120));
                }
                log("open loop at %d votes/s, %,d votes on %d motion(s)", rate, votes, k);
                Map<String, Double> cpu0 = Profile.cpu(pids);
                Instant from = Instant.now();
                VoteLoad load =
                        new VoteLoad(system.commandUrl(), congress, motions, 0, votes).openLoop(rate, 4000, 120);
                Instant to = Instant.now();
                Map<String, Double> cpu = Profile.delta(cpu0, Profile.cpu(pids));
                long counted = -1;
                for (int m = 0; m < k; m++) {
                    counted =
                            Math.max(counted, live.awaitVoted(motions[m], load.acceptedOn(m), Duration.ofSeconds(300)));
                }
                double lag = counted < 0 ? Double.NaN : (counted - load.lastAcceptedAt.get()) / 1e9;
                Histogram projection = load.projectionLatency(live);
                report.openLoop(rate, load, projection, lag, Profile.format(cpu, load.seconds()));
                report.window("open loop " + rate + "/s", from, to);
                if (rate == 500) {
                    double p99 = load.latency.getValueAtPercentile(99) / 1e6;
                    report.goal(
                            "p99 acceptance < 50 ms at 500 votes/s (open loop)",
                            p99 < 50,
                            String.format("p99 %.1f ms", p99));
                    double pp99 = projection.getValueAtPercentile(99) / 1e6;
                    report.goal(
                            "Vote-to-projection p99 < 250 ms (at 500 votes/s, live stream)",
                            pp99 < 250,
                            String.format("p99 %.0f ms", pp99));
                }
                for (String motion : motions) {
                    api.closeMotion(motion);
                }
            }
        }
    }

    private void rebuild(long events) throws Exception {
        String topic = "rebuild-" + events;
        log("rebuild: writing %,d events to topic %s", events, topic);
        long t = System.nanoTime();
        long written = Rebuild.writeTopic(system.kafka.bootstrapServers(), topic, "rb" + events, events);
        log(
                "rebuild: %,d events written in %d s; starting a query-service on an empty database",
                written, Api.secondsSince(t));
        Instant from = Instant.now();
        Rebuild.Result result = Rebuild.measure(
                system,
                topic,
                "rebuild" + events,
                written,
                Duration.ofMinutes(Long.parseLong(option("rebuild-minutes", "6"))));
        report.window("rebuild " + events, from, Instant.now());
        report.rebuild(result);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void awaitSeen(LiveTally live, String motion, Duration timeout) {
        if (live.awaitVoted(motion, 0, timeout) < 0) {
            log("the live stream did not show motion %s within %s", motion, timeout);
        }
    }

    private boolean awaitAttendance(String congressId, long present, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Api.Answer answer = api.queryGet("/api/congresses/" + congressId + "/attendance");
            if (answer.status() == 200 && answer.json().path("present").asLong() >= present) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private long storedVotes(String motionId) throws Exception {
        try (Connection db = DriverManager.getConnection(system.postgres.jdbcUrl(), "postgres", "postgres");
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM domainevententry "
                        + "WHERE aggregateidentifier >= ? AND aggregateidentifier < ?")) {
            q.setString(1, "vote:" + motionId + ":");
            q.setString(2, "vote:" + motionId + ";");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes a previous run's data folder. */
    static final class RealServersCleanup {
        static void delete(Path dir) throws Exception {
            if (!Files.exists(dir)) {
                return;
            }
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    static List<String> lines(String... lines) {
        return new ArrayList<>(Arrays.asList(lines));
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
