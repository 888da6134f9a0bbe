package io.aitbc.miner.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of one run's samples, and min/median/max of one figure over several runs. */
final class Stats {

    private Stats() {
    }

    /** The {@code p}-th percentile (0–100) by nearest rank. */
    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1)));
    }

    /** {@code min / median / max} of one figure over the runs, with the given number format. */
    static String spread(List<Double> runs, String format) {
        return format.formatted(percentile(runs, 0)) + " / " + format.formatted(percentile(runs, 50)) + " / "
                + format.formatted(percentile(runs, 100));
    }
}
