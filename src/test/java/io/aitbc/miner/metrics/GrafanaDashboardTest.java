package io.aitbc.miner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboard in {@code deploy/grafana/} (D45) parses, asks its data source through the import input, and
 * queries only metrics the README's metric table lists, among them the ones an operator needs: jobs, queue, slots, GPU
 * memory, earnings, coordinator latency and 429s. Plain JUnit.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/aitbc-miner.json");
    /** A metric name in PromQL: a word with an underscore, followed by a selector, a range or a closing parenthesis. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9]*_[a-z0-9_]+)\\s*(?=[{\\[)])");
    /** Label lists of aggregations, left out before looking for metric names. */
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");
    private static final Pattern SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");
    private static final Set<String> NEEDED = Set.of("miner_jobs_total", "miner_queue_jobs", "miner_jobs_running",
            "miner_gpu_memory_used_bytes", "miner_lifetime_earnings_total", "miner_coordinator_request_seconds",
            "miner_lifetime_jobs_total");

    @Test
    void everyQueryNamesOnlyDocumentedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> targets = dashboard.path("panels").findValues("targets").stream()
                .flatMap(t -> t.valueStream()).toList();
        Set<String> documented = ReadmeMetrics.rows().stream().map(ReadmeMetrics.Row::name).collect(Collectors.toSet());

        assertThat(targets).as("queries").hasSizeGreaterThanOrEqualTo(NEEDED.size());
        Set<String> queried = targets.stream().map(t -> t.path("expr").asText())
                .flatMap(GrafanaDashboardTest::metrics)
                .map(name -> SUFFIX.matcher(name).replaceAll("")).collect(Collectors.toSet());
        assertThat(queried).as("metrics the dashboard queries").isSubsetOf(documented).containsAll(NEEDED);
        assertThat(targets).allSatisfy(t -> assertThat(t.path("expr").asText()).as("query").isNotBlank()
                .contains("$instance"));
        assertThat(dashboard.path("panels").findValues("datasource")).allSatisfy(
                ds -> assertThat(ds.path("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
        assertThat(dashboard.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
    }

    @Test
    void theDashboardQueryMatcherFindsMetricsAndSkipsFunctions() {
        String expr = "histogram_quantile(0.95, sum by (le) (rate(miner_coordinator_request_seconds_bucket{a=\"b\"}[5m])))";
        assertThat(metrics(expr)).containsExactly("miner_coordinator_request_seconds_bucket");
        assertThat(metrics("sum(max by (instance, unit_type) (miner_lifetime_earnings_total{x=\"y\"}))"))
                .containsExactly("miner_lifetime_earnings_total");
    }

    private static Stream<String> metrics(String expr) {
        return METRIC.matcher(GROUPING.matcher(expr).replaceAll("")).results().map(m -> m.group(1));
    }
}
