package io.aitbc.miner.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric table of the README (section "Metrics"): each row's Prometheus name and when it is exposed. Tests check
 * the agent against it, so the two cannot drift apart (D37).
 */
final class ReadmeMetrics {

    /** Exposed from start, GPU or not. */
    static final String ALWAYS = "always";
    /** Exposed per GPU the probe found. */
    static final String WITH_GPU = "with a GPU";
    /** Exposed per model once its benchmark ran. */
    static final String ONCE_MEASURED = "once a model is measured";

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_0-9]+)` \\|[^|]*\\|[^|]*\\| ([^|]+?) \\|");

    /** One row: the name as Prometheus shows it, and {@link #ALWAYS}, {@link #WITH_GPU} or {@link #ONCE_MEASURED}. */
    record Row(String name, String when) {
    }

    private ReadmeMetrics() {
    }

    static List<Row> rows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("README.md"));
            int start = lines.indexOf("### Metrics");
            if (start < 0) {
                throw new IllegalStateException("README.md has no '### Metrics' section");
            }
            return lines.subList(start, lines.size()).stream().takeWhile(l -> !l.startsWith("## ")).map(ROW::matcher)
                    .filter(Matcher::find).map(m -> new Row(m.group(1), m.group(2))).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read README.md", e);
        }
    }

    /** Whether a Prometheus scrape exposes {@code name} (a sample, or one of a histogram's). */
    static boolean exposed(String scrape, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "(_bucket|_count|_sum|_max)?[{ ]").matcher(scrape).find();
    }
}
