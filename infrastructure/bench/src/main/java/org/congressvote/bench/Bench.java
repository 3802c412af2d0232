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
import org.congressvote.testsupport.Answer;

/**
 * One benchmark run: starts the servers and both services on loopback (see {@link BenchSystem}), measures the raw
 * limits of the servers, the three shapes of load (the seed congress's burst, a referendum, a motion with many
 * voters), open-loop latency at fixed rates, vote-to-projection latency and projection rebuild speed, then writes a
 * report and the measured section of docs/benchmarks.md. Every loop is bounded in count and in time.
 *
 * <pre>java -cp ... org.congressvote.bench.Bench --command-jar JAR --query-jar JAR --data DIR --docs FILE
 *      [--voters 100000] [--rates 100,500,1000,2000] [--rebuild 100000,1000000] [--phones 32]
 *      [--stages raw,seed,referendum,assembly,rebuild] (also viewers, loops, overload, metrics)</pre>
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
            if (stages.contains("viewers")) {
                viewers(Integer.parseInt(option("viewers", "10000")), pids);
            }
            if (stages.contains("referendum")) {
                Api.Congress referendum = referendum(phones);
                openLoops(referendum, pids);
                if (stages.contains("overload")) {
                    overload(referendum, pids);
                }
            } else if (stages.contains("loops")) {
                // the open loops and the overload without the referendum's 5,008 set-ups (a shorter run)
                int delegates = Integer.parseInt(option("loops-delegates", "1000"));
                log("a congress of %,d for the open loops", delegates);
                Api.Congress loops = api.setUpCongress("loops", delegates, SETUP_DESKS, Duration.ofMinutes(10));
                openLoops(loops, pids);
                if (stages.contains("overload")) {
                    overload(loops, pids);
                }
            }
            if (stages.contains("metrics")) {
                metricsOverhead(pids);
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

    /**
     * K viewers hold the live stream of a congress of 245 while its delegates vote within 10 s (the seed burst): the
     * time from the last 201 to each viewer seeing the full tally, and the query-service's memory per viewer (resident
     * and, after a full GC, heap).
     */
    private void viewers(int count, Map<String, Long> pids) throws Exception {
        log("viewers: %,d viewers of one congress's live stream during a burst of 245 votes", count);
        Api.Congress congress = api.setUpCongress("viewers", 245, SETUP_DESKS, Duration.ofMinutes(5));
        String motion = "viewers-agenda";
        api.openMotion("viewers", motion);
        long queryPid = pids.get("query-service");
        Thread.sleep(2000);
        long rss0 = Profile.rssBytes(queryPid);
        long heap0 = Profile.heapAfterFullGc(queryPid);
        Instant from = Instant.now();
        long opening = System.nanoTime();
        try (Viewers viewers = new Viewers(
                option("viewers-via", "live").equals("tomcat")
                        ? system.queryUrl() + "/api/congresses/viewers/live"
                        : system.liveUrl() + "/api/congresses/viewers/live",
                count,
                motion,
                245,
                Double.parseDouble(option("viewers-per-second", "1000")))) {
            int snapshots = viewers.awaitSnapshots(Duration.ofSeconds(300));
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            Thread.sleep(2000);
            long rss1 = Profile.rssBytes(queryPid);
            long heap1 = Profile.heapAfterFullGc(queryPid);
            log(
                    "viewers: %,d open, %,d saw the snapshot in %.1f s, %,d refused (503), %,d failed (%s)",
                    viewers.open.get(),
                    snapshots,
                    openSeconds,
                    viewers.refused.get(),
                    viewers.failed.get(),
                    viewers.firstError);
            Map<String, Double> cpu0 = Profile.cpu(pids);
            Instant burst = Instant.now();
            VoteLoad load = new VoteLoad(system.commandUrl(), congress, motion, 0, 245).openLoop(24.5, 245, 60);
            int full = viewers.awaitFull(Duration.ofSeconds(120));
            Map<String, Double> cpu = Profile.delta(cpu0, Profile.cpu(pids));
            Histogram seen = viewers.fullAfter(load.lastAcceptedAt.get());
            String line = String.format(
                    "Live viewers (%s): %,d asked for the stream of one congress (opened at %s/s, all with their snapshot"
                            + " after %.1f s), %,d open, %,d refused 503, %,d failed%s; a burst of 245 votes in 10 s"
                            + " (accepted %d): %,d viewers saw the full tally, p50 %.3f s / p99 %.3f s / max %.3f s"
                            + " after the last 201; query-service memory per viewer: %.1f KB resident, %.1f KB heap"
                            + " after a full GC (resident %,d -> %,d MB). CPU during the burst: %s",
                    option("viewers-via", "live").equals("tomcat") ? "Tomcat's stream" : "the live port",
                    count,
                    option("viewers-per-second", "1000"),
                    openSeconds,
                    viewers.open.get(),
                    viewers.refused.get(),
                    viewers.failed.get(),
                    viewers.firstError == null ? "" : " (first: " + viewers.firstError + ")",
                    load.accepted.get(),
                    full,
                    seen.getValueAtPercentile(50) / 1e9,
                    seen.getValueAtPercentile(99) / 1e9,
                    seen.getMaxValue() / 1e9,
                    (rss1 - rss0) / 1024.0 / Math.max(1, snapshots),
                    (heap1 - heap0) / 1024.0 / Math.max(1, snapshots),
                    rss0 >> 20,
                    rss1 >> 20,
                    Profile.format(cpu, Duration.between(burst, Instant.now()).toMillis() / 1000.0));
            log("%s", line);
            report.note(line);
            report.window("viewers", from, Instant.now());
            api.closeMotion(motion);
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
                log("  %,d connections opened by the phones", load.connectionsOpened());
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

    /**
     * Past the sustainable rate (open loop, default 3,000 votes/s for 10 s): how many votes the command-service sheds
     * (503 OVERLOADED), whether any connection fails, how long any answer takes, and whether the phones' retries (same
     * requestId, after Retry-After) end with every vote stored exactly once.
     */
    private void overload(Api.Congress congress, Map<String, Long> pids) throws Exception {
        for (String r : option("overload-rates", "3000").split(",")) {
            int rate = Integer.parseInt(r.trim());
            int votes = rate * Integer.parseInt(option("overload-seconds", "10"));
            int k = (votes + congress.tokens().length - 1) / congress.tokens().length;
            String[] motions = new String[k];
            for (int m = 0; m < k; m++) {
                motions[m] = "overload-" + rate + "-" + m;
                api.openMotion(congress.congressId(), motions[m]);
            }
            log("overload: open loop at %d votes/s, %,d votes on %d motion(s), shed votes retried", rate, votes, k);
            Map<String, Double> cpu0 = Profile.cpu(pids);
            Instant from = Instant.now();
            VoteLoad load = new VoteLoad(system.commandUrl(), congress, motions, 0, votes)
                    .retryingShedVotes()
                    .openLoop(rate, 20_000, 120);
            int firstTime = load.accepted.get();
            boolean retried = load.awaitRetries(300);
            Instant to = Instant.now();
            Map<String, Double> cpu = Profile.delta(cpu0, Profile.cpu(pids));
            long stored = 0;
            for (String motion : motions) {
                stored += storedVotes(motion);
            }
            String line = String.format(
                    "Overload, open loop at %d votes/s for %,d votes (%.1f s): accepted at once %,d (p50 %.0f ms, p99"
                            + " %.0f ms from due time), answered 503 OVERLOADED %,d times, connection failures %,d,"
                            + " other failures %,d; every answer within %.0f ms (p99) / %.0f ms (max) of sending;"
                            + " after the phones' retries (same requestId, after Retry-After%s): accepted %,d of %,d"
                            + " (on retry %,d, p99 %.1f s from the first due time), stored %,d. CPU: %s",
                    rate,
                    votes,
                    load.seconds(),
                    firstTime,
                    load.latency.getValueAtPercentile(50) / 1e6,
                    load.latency.getValueAtPercentile(99) / 1e6,
                    load.shed.get(),
                    load.connectionFailures.get(),
                    load.failed.get() - load.connectionFailures.get(),
                    load.answerTime.getValueAtPercentile(99) / 1e6,
                    load.answerTime.getMaxValue() / 1e6,
                    retried ? "" : ", NOT ALL within 300 s",
                    load.accepted.get(),
                    votes,
                    load.acceptedOnRetry.get(),
                    load.retriedLatency.getValueAtPercentile(99) / 1e9,
                    stored,
                    Profile.format(cpu, Duration.between(from, to).toMillis() / 1000.0));
            log("%s", line);
            report.note(line);
            report.window("overload " + rate + "/s", from, to);
            for (String motion : motions) {
                api.closeMotion(motion);
            }
        }
    }

    /**
     * What the per-command meters cost (congress.metrics.commands): the same open loop with them on and off, the
     * command-service restarted and warmed up before each run, on-off-on-off so that a drift of the machine falls on
     * both; the command-service's CPU per 1,000 votes accepted and the p99 acceptance time.
     */
    private void metricsOverhead(Map<String, Long> pids) throws Exception {
        int rate = Integer.parseInt(option("metrics-rate", "1000"));
        int seconds = Integer.parseInt(option("metrics-seconds", "15"));
        int delegates = 1000;
        log("metrics overhead: open loop at %d votes/s for %d s, per-command meters on and off", rate, seconds);
        Api.Congress congress = api.setUpCongress("metrics", delegates, SETUP_DESKS, Duration.ofMinutes(10));
        double[] cpuPerThousand = new double[2];
        double[] p99 = new double[2];
        int[] runs = new int[2];
        int run = 0;
        for (boolean on : new boolean[] {true, false, true, false}) {
            system.restartCommands(on ? List.of() : List.of("--congress.metrics.commands=false"));
            pids.put("command-service", system.commands.pid());
            // warm-up: the JIT compiles the vote path before the measured run
            measuredLoop(congress, "metrics-warm-" + run, rate, rate * 3, pids);
            double[] measured = measuredLoop(congress, "metrics-" + run, rate, rate * seconds, pids);
            int i = on ? 0 : 1;
            cpuPerThousand[i] += measured[0];
            p99[i] += measured[1];
            runs[i]++;
            String line = String.format(
                    "Metrics %s (run %d): open loop at %d votes/s, %,.0f accepted; command-service CPU %.3f s per"
                            + " 1,000 votes; p99 acceptance %.1f ms",
                    on ? "on" : "off", run + 1, rate, measured[2], measured[0], measured[1]);
            log("%s", line);
            report.note(line);
            run++;
        }
        double withMeters = cpuPerThousand[0] / runs[0];
        double without = cpuPerThousand[1] / runs[1];
        String summary = String.format(
                "Per-command meters (counter by outcome and code, latency histogram of 10 buckets): command-service CPU"
                        + " %.3f s per 1,000 votes with them, %.3f s without (%+.1f %%); p99 acceptance %.1f ms with,"
                        + " %.1f ms without (mean of %d runs each, at %d votes/s)",
                withMeters,
                without,
                100.0 * (withMeters - without) / without,
                p99[0] / runs[0],
                p99[1] / runs[1],
                runs[0],
                rate);
        log("%s", summary);
        report.note(summary);
        system.restartCommands(List.of());
        pids.put("command-service", system.commands.pid());
    }

    /** An open loop of {@code votes} votes on fresh motions; {command-service CPU s per 1,000 accepted, p99 ms, accepted}. */
    private double[] measuredLoop(Api.Congress congress, String name, int rate, int votes, Map<String, Long> pids)
            throws Exception {
        int k = (votes + congress.tokens().length - 1) / congress.tokens().length;
        String[] motions = new String[k];
        for (int m = 0; m < k; m++) {
            motions[m] = name + "-" + m;
            api.openMotion(congress.congressId(), motions[m]);
        }
        Map<String, Double> cpu0 = Profile.cpu(pids);
        VoteLoad load = new VoteLoad(system.commandUrl(), congress, motions, 0, votes).openLoop(rate, 4000, 120);
        Map<String, Double> cpu = Profile.delta(cpu0, Profile.cpu(pids));
        for (String motion : motions) {
            api.closeMotion(motion);
        }
        double accepted = Math.max(1, load.accepted.get());
        return new double[] {
            cpu.getOrDefault("command-service", 0.0) * 1000 / accepted,
            load.latency.getValueAtPercentile(99) / 1e6,
            load.accepted.get()
        };
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
            Answer answer = api.queryGet("/api/congresses/" + congressId + "/attendance");
            if (answer.statusCode() == 200 && answer.json().path("present").asLong() >= present) {
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
