package io.aitbc.miner.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variable names the README documents, read from its tables' first column: the configuration table
 * (what the agent reads) and the deployment table of runtime-only names (what the manifests and images set for the
 * container runtime or the JVM launcher, which the agent itself never reads).
 */
record ReadmeEnvTables(Set<String> configuration, Set<String> runtimeOnly) {

    /** Header of the configuration table. */
    static final String CONFIGURATION = "| env var | property | default | meaning |";
    /** Header of the runtime-only table in "Deploying". */
    static final String RUNTIME_ONLY = "| env var | set by | read by |";

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    /** Reads {@code README.md} in the project root. */
    static ReadmeEnvTables read() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        return new ReadmeEnvTables(firstColumn(lines, CONFIGURATION), firstColumn(lines, RUNTIME_ONLY));
    }

    /** Both tables together: every name a manifest may set. */
    Set<String> all() {
        Set<String> all = new TreeSet<>(configuration);
        all.addAll(runtimeOnly);
        return all;
    }

    private static Set<String> firstColumn(List<String> lines, String header) {
        int start = lines.indexOf(header);
        if (start < 0) {
            throw new IllegalStateException("README.md has no table headed " + header);
        }
        Set<String> names = new TreeSet<>();
        for (String row : rows(lines, start + 2)) {
            Matcher name = NAME.matcher(row.split("\\|")[1]);
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private static List<String> rows(List<String> lines, int from) {
        List<String> rows = new ArrayList<>();
        for (int i = from; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }
}
