package io.aitbc.miner.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drawn layering: the table of the README's "Package layers" section, one row per layer from the bottom, each
 * naming its packages (relative to {@link PackageGraph#BASE}) in backticks. A package may import only packages of a
 * lower layer.
 */
final class Layers {

    private static final String SECTION = "### Package layers";
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([^|]+) \\|");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private final Map<String, Integer> rank;

    Layers(Map<String, Integer> rank) {
        this.rank = Map.copyOf(rank);
    }

    /** The README's table; its layer numbers must run 1, 2, 3… in order. */
    static Layers fromReadme(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no '" + SECTION + "' section");
        }
        Map<String, Integer> rank = new LinkedHashMap<>();
        int expected = 1;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            if (Integer.parseInt(row.group(1)) != expected) {
                throw new IllegalStateException("layer " + row.group(1) + " where " + expected + " was expected: " + line);
            }
            Matcher name = NAME.matcher(row.group(2));
            while (name.find()) {
                if (rank.put(name.group(1), expected) != null) {
                    throw new IllegalStateException("package " + name.group(1) + " appears twice in the layer table");
                }
            }
            expected++;
        }
        return new Layers(rank);
    }

    /** The layer of {@code pkg}, counted from 1 at the bottom; empty for a package the table does not place. */
    Optional<Integer> rank(String pkg) {
        return Optional.ofNullable(rank.get(pkg));
    }

    /** The packages among {@code packages} that the table does not place. */
    List<String> unplaced(Set<String> packages) {
        return packages.stream().filter(p -> !rank.containsKey(p)).sorted().toList();
    }

    /**
     * Every edge that does not go down the layers, with its evidence:
     * {@code scheduler (15) -> uploader (19): JobExecution -> ResultSizeCap}.
     */
    List<String> violations(PackageGraph graph) {
        List<String> violations = new ArrayList<>();
        graph.edges().forEach((from, targets) -> targets.forEach(to -> {
            Optional<Integer> lower = rank(from);
            Optional<Integer> upper = rank(to);
            if (lower.isPresent() && upper.isPresent() && upper.get() >= lower.get()) {
                violations.add(from + " (" + lower.get() + ") -> " + to + " (" + upper.get() + "): "
                        + String.join(", ", graph.evidence(from, to)));
            }
        }));
        return violations;
    }
}
