package org.congressvote.query.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Summarises measured latencies for the test log; tests print them, they do not assert on them. */
public final class Latencies {

    private final List<Double> millis = new ArrayList<>();

    public void add(long fromNanos, long toNanos) {
        millis.add((toNanos - fromNanos) / 1e6);
    }

    public int count() {
        return millis.size();
    }

    public String summary() {
        if (millis.isEmpty()) {
            return "no samples";
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms",
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
