package io.aitbc.miner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every decision the repository cites has its record in {@code docs/decisions/} (D46): citations in code, scripts,
 * manifests and documents resolve, the index and the record files agree, each record has its sections, and what a
 * record's "Where in the code" names exists.
 */
class DecisionRecordsTest {

    static final Path RECORDS = Path.of("docs", "decisions");
    static final List<Path> SCANNED = Stream.of("src/main", "src/test", "README.md", "bin", "bench", "deploy", ".ci",
            "docs").map(Path::of).toList();
    /**
     * A citation: {@code D} and one or two digits standing as a word of their own ({@code D13}, {@code (D7)},
     * {@code D12, D13}), or a range ({@code D15–D19}). Hex and encoded text ({@code 0xD9}, {@code %D0}, {@code #D0D0D0},
     * {@code +D3/}) is not a citation.
     */
    static final Pattern CITATION = Pattern
            .compile("(?<![\\w%#&$\\\\/.+-])D(\\d{1,2})(?:\\s?[–-]\\s?D(\\d{1,2}))?(?![\\w+=%/])");
    private static final Pattern RECORD_FILE = Pattern.compile("D(\\d{1,2})-[a-z0-9-]+\\.md");
    private static final Pattern INDEX_ROW = Pattern.compile("^\\| \\[D(\\d{1,2})]\\(([^)]+)\\) \\| [^|]+ \\| [^|]+ \\|$");
    private static final Pattern LINK = Pattern.compile("]\\(([^)#]+\\.md)\\)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern TYPE_NAME = Pattern.compile("([A-Z][a-z][A-Za-z0-9]*)(\\.\\w+)?");
    private static final List<String> PATH_ROOTS = List.of("src/", "bin/", "deploy/", "bench/", ".ci/", "docs/",
            "pom.xml", "README.md");
    private static final List<String> SECTIONS = List.of("## Context", "## Decision", "## Consequences",
            "## Where in the code");

    @Test
    void theCitationPatternFindsTheFormsTheCodeUsesAndNothingElse() {
        assertThat(cited("decisions D5, D23; (D7) and D13: see D12, D13")).containsExactly(5, 23, 7, 13, 12, 13);
        assertThat(cited("(decisions D15–D19, D22)")).containsExactly(15, 16, 17, 18, 19, 22);
        assertThat(cited("[D13](D13-slot-pools.md)")).containsExactly(13, 13);
        assertThat(cited("%D0%B0 0xD9 #D0D0D0 +D3/x= \\uD83D AD13 D130 D13x D1_5 v-D4 docs/D6")).isEmpty();
    }

    @Test
    void everyCitedDecisionHasARecord() throws IOException {
        Map<Integer, Path> records = records();
        List<String> unresolved = new ArrayList<>();
        for (Path file : scannedFiles()) {
            List<String> lines = textLines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (int number : cited(lines.get(i))) {
                    if (!records.containsKey(number)) {
                        unresolved.add(file + ":" + (i + 1) + ": D" + number + " has no record in " + RECORDS);
                    }
                }
            }
        }
        assertThat(unresolved).as("citations without a record").isEmpty();
    }

    @Test
    void theIndexListsExactlyTheRecords() throws IOException {
        Map<Integer, Path> records = records();
        Map<Integer, String> index = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(RECORDS.resolve("README.md"))) {
            Matcher row = INDEX_ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            int number = Integer.parseInt(row.group(1));
            String target = row.group(2);
            if (index.put(number, target) != null) {
                problems.add("D" + number + " is listed twice");
            }
            if (!Files.isRegularFile(RECORDS.resolve(target)) || !target.startsWith("D" + number + "-")) {
                problems.add("index entry D" + number + " points to " + target + ", which is not its record");
            }
        }
        records.keySet().stream().filter(n -> !index.containsKey(n))
                .forEach(n -> problems.add(records.get(n) + " is missing from the index"));
        assertThat(index).as("index entries").isNotEmpty();
        assertThat(problems).as("index problems").isEmpty();
    }

    @Test
    void everyRecordHasItsSectionsAndLinksToRecordsThatExist() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, Path> record : records().entrySet()) {
            Path file = record.getValue();
            String text = Files.readString(file);
            if (!text.startsWith("# D" + record.getKey() + ": ")) {
                problems.add(file + ": the first line must be '# D" + record.getKey() + ": <title>'");
            }
            if (!text.contains("\n- Status: accepted\n")) {
                problems.add(file + ": no '- Status: accepted' line");
            }
            SECTIONS.stream().filter(s -> !text.contains("\n" + s + "\n")).forEach(s -> problems.add(file + ": no " + s));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                if (!Files.isRegularFile(RECORDS.resolve(link.group(1)))) {
                    problems.add(file + ": link to " + link.group(1) + ", which does not exist");
                }
            }
        }
        assertThat(problems).as("record problems").isEmpty();
    }

    @Test
    void whereInTheCodeNamesOnlyClassesAndPathsThatExist() throws IOException {
        Set<String> sourceFiles = sourceFileNames();
        List<String> problems = new ArrayList<>();
        for (Path file : records().values()) {
            String where = Files.readString(file).split("\n## Where in the code\n", 2)[1].split("\n## ", 2)[0];
            Matcher code = CODE.matcher(where);
            while (code.find()) {
                String named = code.group(1);
                Matcher type = TYPE_NAME.matcher(named);
                if (type.matches() && !sourceFiles.contains(type.group(1) + ".java")) {
                    problems.add(file + ": names " + named + ", but no " + type.group(1) + ".java exists");
                }
                if (PATH_ROOTS.stream().anyMatch(named::startsWith) && !Files.exists(Path.of(named))) {
                    problems.add(file + ": names " + named + ", which does not exist");
                }
            }
        }
        assertThat(problems).as("names in 'Where in the code'").isEmpty();
    }

    /** The decision numbers {@code line} cites, in order, ranges expanded. */
    static List<Integer> cited(String line) {
        List<Integer> numbers = new ArrayList<>();
        Matcher citation = CITATION.matcher(line);
        while (citation.find()) {
            int first = Integer.parseInt(citation.group(1));
            int last = citation.group(2) == null ? first : Integer.parseInt(citation.group(2));
            IntStream.rangeClosed(first, Math.max(first, last)).forEach(numbers::add);
        }
        return numbers;
    }

    /** The record files by decision number. */
    private static Map<Integer, Path> records() throws IOException {
        Map<Integer, Path> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(RECORDS)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = RECORD_FILE.matcher(file.getFileName().toString());
                if (name.matches() && records.put(Integer.parseInt(name.group(1)), file) != null) {
                    throw new IllegalStateException("two records for D" + name.group(1) + " in " + RECORDS);
                }
            }
        }
        return records;
    }

    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SCANNED) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The file's lines, or none for a file that is not UTF-8 text. */
    private static List<String> textLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> sourceFileNames() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("src"))) {
            return walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
