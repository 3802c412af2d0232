package org.congressvote.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes: CPU seconds per process over a phase (from /proc), and the hottest code of a service in a
 * phase from its Flight Recorder samples.
 */
final class Profile {

    private Profile() {}

    /**
     * CPU time (user + system, seconds) of each named process; for PostgreSQL with its descendants (a backend per
     * connection). The other processes' descendants are not theirs: every server is a child of the bench JVM.
     */
    /** A process's resident memory (VmRSS), bytes; -1 when unreadable. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return -1;
    }

    /** A JVM's used heap right after a full GC (jcmd GC.run, then GC.heap_info), bytes; -1 when unreadable. */
    static long heapAfterFullGc(long pid) {
        try {
            jcmd(pid, "GC.run");
            java.util.regex.Matcher used =
                    java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double total = ticks(pid);
            if (name.equals("PostgreSQL")) {
                total += ProcessHandle.of(pid)
                        .map(p ->
                                p.descendants().mapToDouble(d -> ticks(d.pid())).sum())
                        .orElse(0.0);
            }
            seconds.put(name, total / 100.0); // USER_HZ is 100 on Linux
        });
        // the machine may be shared (other engineers' builds and tests): what the rest of it did counts too
        double ours = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        double machine = machineBusyTicks() / 100.0;
        seconds.put("other processes on the machine", machine - ours);
        return seconds;
    }

    /** Busy jiffies of all CPUs since boot (/proc/stat: all but idle and iowait). */
    private static double machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Double.parseDouble(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    /** The methods most often on top of the stack in the samples between two instants, with their share. */
    static List<String> hotMethods(Path jfr, Instant from, Instant to, int top) throws IOException {
        Map<String, Integer> selfCounts = new HashMap<>();
        Map<String, Integer> areaCounts = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null
                    || e.getStartTime().isBefore(from)
                    || e.getStartTime().isAfter(to)) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            total++;
            RecordedFrame topFrame = frames.get(0);
            selfCounts.merge(
                    topFrame.getMethod().getType().getName() + "."
                            + topFrame.getMethod().getName(),
                    1,
                    Integer::sum);
            areaCounts.merge(area(frames), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        int all = Math.max(1, total);
        lines.add(total + " CPU samples. By area (the first frame of ours, Axon, a driver or the web server):");
        areaCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(en -> lines.add(String.format("  %5.1f%%  %s", 100.0 * en.getValue() / all, en.getKey())));
        lines.add("Hottest methods (self):");
        selfCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(en -> lines.add(String.format("  %5.1f%%  %s", 100.0 * en.getValue() / all, en.getKey())));
        return lines;
    }

    private static final String[][] AREAS = {
        {"org.congressvote.", "our code"},
        {"org.postgresql.", "PostgreSQL driver"},
        {"com.zaxxer.hikari.", "Hikari pool"},
        {"com.mongodb.", "MongoDB driver"},
        {"org.bson.", "MongoDB driver (BSON)"},
        {"org.apache.kafka.", "Kafka client"},
        {"org.axonframework.extensions.kafka.", "Axon Kafka extension"},
        {"org.axonframework.serialization.", "Axon serialization"},
        {"com.fasterxml.jackson.", "Jackson"},
        {"org.axonframework.", "Axon"},
        {"org.springframework.security.", "Spring Security"},
        {"org.springframework.", "Spring"},
        {"org.apache.catalina.", "Tomcat"},
        {"org.apache.coyote.", "Tomcat"},
        {"org.apache.tomcat.", "Tomcat"},
        {"ch.qos.logback.", "logging"},
        {"org.ehcache.", "Ehcache"},
        {"jdk.jfr.", "Flight Recorder"},
    };

    /** The area of the deepest-on-top frame that is not the JDK itself: what caused the JDK work. */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String[] area : AREAS) {
                if (type.startsWith(area[0])) {
                    return area[1] + (frames.get(0) == frame ? "" : " (JDK below it)");
                }
            }
        }
        String type = frames.get(0).getMethod().getType().getName();
        return "JDK only: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }

    static String format(Map<String, Double> cpuSeconds, double wallSeconds) {
        return cpuSeconds.entrySet().stream()
                .map(e -> String.format(
                        "%s %.1f s (%.0f%% of one core)", e.getKey(), e.getValue(), 100 * e.getValue() / wallSeconds))
                .collect(Collectors.joining("; "));
    }
}
