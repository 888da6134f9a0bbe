package io.aitbc.miner.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.aitbc.miner.AgentMain;

/**
 * The compiled main classes keep the layering the README draws ("Package layers"): no package cycle, every import
 * goes down the layers, and every package has its layer. A failure names the packages and the classes that import.
 */
class ImportGraphTest {

    private static final PackageGraph GRAPH = PackageGraph.read(classes());
    private static final Layers LAYERS = Layers.fromReadme(Path.of("README.md"));

    @Test
    void noPackageCycle() {
        assertThat(GRAPH.cycles().stream().map(GRAPH::describe).toList()).as("package cycles").isEmpty();
    }

    @Test
    void importsGoOnlyDownTheLayers() {
        assertThat(LAYERS.violations(GRAPH)).as("imports of a package in the same or a higher layer").isEmpty();
    }

    @Test
    void everyPackageHasItsLayer() {
        assertThat(GRAPH.packages()).as("packages read").contains("job", "scheduler", PackageGraph.ROOT);
        assertThat(LAYERS.unplaced(GRAPH.packages())).as("packages missing from the README layer table").isEmpty();
    }

    @Test
    void aCycleIsFoundAndNamed() {
        PackageGraph graph = new PackageGraph(Set.of("a", "b", "c", "d"),
                List.of(ref("a.A", "b.B"), ref("b.B", "c.C"), ref("c.C", "a.A"), ref("c.C", "d.D")));
        assertThat(graph.cycles()).containsExactly(List.of("a", "b", "c", "a"));
        assertThat(graph.describe(graph.cycles().get(0))).isEqualTo("a -> b -> c -> a (A -> B; B -> C; C -> A)");
        assertThat(new PackageGraph(Set.of("a", "b"), List.of(ref("a.A", "b.B"))).cycles()).isEmpty();
    }

    @Test
    void anUpwardImportIsAViolationWithItsClasses() {
        Layers layers = new Layers(Map.of("low", 1, "high", 2, "twin", 2));
        PackageGraph graph = new PackageGraph(Set.of("low", "high", "twin"), List.of(ref("high.H", "low.L"),
                ref("low.L", "high.H"), ref("high.H", "twin.T")));
        assertThat(layers.violations(graph)).containsExactly("high (2) -> twin (2): H -> T",
                "low (1) -> high (2): L -> H");
        assertThat(layers.unplaced(Set.of("low", "new"))).containsExactly("new");
    }

    private static Map.Entry<String, String> ref(String from, String to) {
        return Map.entry(PackageGraph.BASE + "." + from, PackageGraph.BASE + "." + to);
    }

    private static Path classes() {
        try {
            return Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
