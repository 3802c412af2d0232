package org.congressvote.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The measured figures of one run, as Markdown; also replaces the measured section of docs/benchmarks.md. */
final class Report {

    static final String BEGIN =
            "<!-- bench:begin (written by infrastructure/bench/run-bench.sh; do not edit by hand) -->";
    static final String END = "<!-- bench:end -->";

    private final List<String> machine = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private final Map<String, Double> rawValues = new LinkedHashMap<>();
    private final List<String> shapes = new ArrayList<>();
    private final List<String> openLoop = new ArrayList<>();
    private final List<String> sustained = new ArrayList<>();
    private final List<String> rebuild = new ArrayList<>();
    private final List<String> goals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();
    private final Map<String, Instant[]> windows = new LinkedHashMap<>();
    private double sustainedRate = Double.NaN;

    void machine(String git) {
        machine.add("- date: " + Bench.now() + " (local time of the machine)");
        machine.add("- cores (nproc): " + Runtime.getRuntime().availableProcessors() + "; CPU: " + cpuModel());
        machine.add("- memory: " + memTotal());
        machine.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.add("- commit: " + git);
        machine.add("- everything on this one machine, on loopback: PostgreSQL 14 (fsync and synchronous_commit on), "
                + "a Kafka broker (KRaft, own JVM, 512 MiB), the MongoDB-wire server (H2, own JVM), "
                + "command-service and "
                + "query-service (each its own JVM, -Xmx1g, Flight Recorder on), and the load driver (this JVM).");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    void raw(String what, double value, String unit) {
        Bench.log("%s: %,.0f %s", what, value, unit);
        rawValues.put(what, value);
        raw.add(String.format("| %s | %,.0f %s |", what, value, unit));
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format("%.1f", h.getValueAtPercentile(percentile) / 1e6);
    }

    void shape(String what, VoteLoad load, Histogram projection, double countedAfterLast) {
        String line = String.format(
                "| %s | %,d of %,d | %.1f s | %,.0f/s | %s / %s / %s | %s / %s | %.3f s |",
                what,
                load.accepted.get(),
                load.votes,
                load.seconds(),
                load.acceptedPerSecond(),
                ms(load.latency, 50),
                ms(load.latency, 99),
                ms(load.latency, 99.9),
                ms(projection, 50),
                ms(projection, 99),
                countedAfterLast);
        Bench.log("%s", line);
        shapes.add(line);
        errors(what, load);
    }

    void openLoop(int rate, VoteLoad load, Histogram projection, double countedAfterLast, String cpu) {
        String line = String.format(
                "| %,d/s | %,d of %,d | %,.0f/s | %s | %s | %s | %s | %s | %s | %.2f s |",
                rate,
                load.accepted.get(),
                load.votes,
                load.acceptedPerSecond(),
                ms(load.latency, 50),
                ms(load.latency, 99),
                ms(load.latency, 99.9),
                ms(load.latency, 100),
                ms(projection, 50),
                ms(projection, 99),
                countedAfterLast);
        Bench.log("%s", line);
        openLoop.add(line);
        notes.add("CPU during the open loop at " + rate + "/s: " + cpu + ".");
        errors("open loop " + rate + "/s", load);
    }

    void sustained(VoteLoad load, long stored, double countedAfterLast, String cpu) {
        sustainedRate = stored / load.seconds();
        sustained.add(String.format(
                "Accepted %,d of %,d votes (%,d stored in the event store) in %.1f s: "
                        + "**%,.0f votes/s** accepted and stored. Latency p50 / p99 / p99.9: %s / %s / %s ms. "
                        + "The live tally showed them all %.1f s after the last 201.",
                load.accepted.get(),
                load.votes,
                stored,
                load.seconds(),
                sustainedRate,
                ms(load.latency, 50),
                ms(load.latency, 99),
                ms(load.latency, 99.9),
                countedAfterLast));
        sustained.add("");
        sustained.add("| slice of 10,000 votes | votes/s | mean ms | p50 ms | p99 ms | max ms |");
        sustained.add("| --- | --- | --- | --- | --- | --- |");
        long previousEnd = load.startNanos;
        for (int s = 0; s < load.slices.size(); s++) {
            Histogram h = load.slices.get(s);
            long end = load.sliceEndNanos[s];
            double seconds = (end - previousEnd) / 1e9;
            sustained.add(String.format(
                    "| %,d-%,d | %,.0f | %.1f | %s | %s | %s |",
                    s * 10_000 + 1,
                    (s + 1) * 10_000,
                    h.getTotalCount() / Math.max(seconds, 1e-9),
                    h.getMean() / 1e6,
                    ms(h, 50),
                    ms(h, 99),
                    ms(h, 100)));
            previousEnd = end;
        }
        sustained.add("");
        sustained.add("CPU during the sustained run: " + cpu + ".");
        Bench.log("sustained: %,.0f votes/s", sustainedRate);
        errors("sustained", load);
        sustained.add("");
        sustained.add("Ratio of the sustained vote rate to the raw limits measured above:");
        rawValues.forEach((what, value) ->
                sustained.add(String.format("- %.2f of: %s (%,.0f)", sustainedRate / value, what, value)));
    }

    private void errors(String what, VoteLoad load) {
        if (load.failed.get() > 0 || load.refused.get() > 0) {
            notes.add(String.format(
                    "%s: %d refused (409), %d failed; first: %s",
                    what, load.refused.get(), load.failed.get(), load.firstErrors));
        }
    }

    void rebuild(Rebuild.Result r) {
        String line = String.format(
                "| %,d | %s | %.1f s | **%,.0f events/s** | %.1f s |",
                r.events(),
                r.complete() ? "yes" : "NO: " + r.processed() + " read within the bound",
                r.seconds(),
                r.eventsPerSecond(),
                r.startupSeconds());
        Bench.log("rebuild %s", line);
        rebuild.add(line);
        if (rebuild.size() == 1 || r.eventsPerSecond() < minRebuild) {
            minRebuild = r.eventsPerSecond();
        }
        goals.removeIf(g -> g.contains("Rebuild"));
        goal(
                "Rebuild at least 20,000 events/s",
                minRebuild >= 20_000,
                String.format("slowest measured: %,.0f events/s", minRebuild));
    }

    private double minRebuild = Double.NaN;

    void goal(String goal, boolean met, String measured) {
        Bench.log("GOAL %s: %s (%s)", goal, met ? "met" : "MISSED", measured);
        goals.add(String.format("| %s | %s | %s |", goal, met ? "met" : "**missed**", measured));
    }

    void note(String note) {
        notes.add(note);
    }

    void window(String name, Instant from, Instant to) {
        windows.put(name, new Instant[] {from, to});
    }

    /** Hot code per service in the phases that matter, from the flight recordings written when the services stopped. */
    void profiles(BenchSystem system) {
        profile(system.dir.resolve("command-service.jfr"), "command-service", "sustained");
        profile(system.dir.resolve("command-service.jfr"), "command-service", "open loop 2000/s");
        profile(system.dir.resolve("query-service.jfr"), "query-service", "sustained, read side until caught up");
        for (String name : windows.keySet()) {
            if (name.startsWith("rebuild ")) {
                String events = name.substring("rebuild ".length());
                profile(system.dir.resolve("query-rebuild-rebuild" + events + ".jfr"), "query-service (rebuild)", name);
            }
        }
    }

    private void profile(Path jfr, String service, String window) {
        Instant[] w = windows.get(window);
        if (w == null || !Files.exists(jfr)) {
            return;
        }
        try {
            profiles.add("**" + service + ", " + window + "** (" + jfr.getFileName() + "):");
            profiles.add("```");
            profiles.addAll(Profile.hotMethods(jfr, w[0], w[1], 12));
            profiles.add("```");
        } catch (Exception e) {
            profiles.add("(could not read " + jfr + ": " + e + ")");
        }
    }

    String markdown() {
        List<String> md = new ArrayList<>();
        md.add("### Machine");
        md.addAll(machine);
        md.add("");
        md.add("### Goals");
        md.add("| goal | result | measured |");
        md.add("| --- | --- | --- |");
        md.addAll(goals);
        md.add("");
        md.add("### Raw limits of the servers on this machine");
        md.add("| what | figure |");
        md.add("| --- | --- |");
        md.addAll(raw);
        md.add("");
        md.add("### Shapes");
        md.add("Latency: from the vote's due time (open loop) or its sending (closed loop) to its 201. "
                + "Projection: from the "
                + "201 until the live stream (SSE, pushed at most every 50 ms) first shows a tally that includes it.");
        md.add("");
        md.add("| shape | accepted | duration | accepted/s | acceptance p50 / p99 / p99.9 ms "
                + "| to projection p50 / p99 ms "
                + "| last 201 to fully counted |");
        md.add("| --- | --- | --- | --- | --- | --- | --- |");
        md.addAll(shapes);
        md.add("");
        md.add("### Open-loop acceptance latency at fixed arrival rates");
        md.add("On the referendum's 5,008 members; a rate that needs more votes than members "
                + "(20 s of arrivals, 15 s at "
                + "2,000/s) spreads them over several motions open at once.");
        md.add("");
        md.add("| offered | accepted | achieved | p50 ms | p99 ms | p99.9 ms | max ms | to projection p50 ms | p99 ms "
                + "| last 201 to fully counted |");
        md.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        md.addAll(openLoop);
        md.add("");
        md.add("### Sustained votes on one motion, and the cost of a vote as the motion fills");
        md.addAll(sustained);
        md.add("");
        md.add("### Projection rebuild");
        md.add("A query-service started on an empty database reads a topic from its start (one processor feeding "
                + "every view: attendance, motions, elections). Topics written in the command side's wire format: one congress of 5,000 delegates "
                + "(registered, checked in), then motions of 5,000 votes each.");
        md.add("");
        md.add("| events | complete | time (first event to last) | speed | start-up before the first event |");
        md.add("| --- | --- | --- | --- | --- |");
        md.addAll(rebuild);
        md.add("");
        md.add("### Notes");
        notes.forEach(n -> md.add("- " + n));
        md.add("");
        md.add("### Where the time goes (Flight Recorder CPU samples)");
        md.addAll(profiles);
        return String.join("\n", md) + "\n";
    }

    void updateDocs(Path docs) throws IOException {
        String section = BEGIN + "\n" + markdown() + END;
        String text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        text = b >= 0 && e > b
                ? text.substring(0, b) + section + text.substring(e + END.length())
                : text + "\n## Last measured run\n\n" + section + "\n";
        Files.writeString(docs, text);
    }
}
