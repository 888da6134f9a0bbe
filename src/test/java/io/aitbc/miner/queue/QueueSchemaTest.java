package io.aitbc.miner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.QueueScripts.Script;
import io.aitbc.miner.queue.ScriptAnswer.Verdict;

/**
 * The queue's schema has one home: field names, state words and verdicts come from the Java enums through the
 * generated prelude, keys from {@link QueueKeys}, and the README's Redis key table says the same. Plain JUnit, no Redis.
 */
class QueueSchemaTest {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern TABLE_USE = Pattern.compile("\\b([FRSTV])\\.([A-Z_]+)\\b");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @ParameterizedTest
    @EnumSource(Script.class)
    void aScriptNamesNoFieldStateOrKeyItself(Script script) {
        String body = body(script);
        Set<String> schemaWords = new HashSet<>();
        Arrays.stream(JobField.values()).map(JobField::key).forEach(schemaWords::add);
        Arrays.stream(ReceiptField.values()).map(ReceiptField::key).forEach(schemaWords::add);
        Arrays.stream(JobState.values()).map(JobState::label).forEach(schemaWords::add);
        Arrays.stream(Verdict.values()).map(Verdict::name).forEach(schemaWords::add);
        Arrays.stream(TotalField.values()).map(TotalField::key).forEach(schemaWords::add);
        Set<String> quoted = code(body).flatMap(line -> matches(QUOTED, line, 1)).collect(Collectors.toSet());
        assertThat(quoted).as("literals in %s", script).doesNotContainAnyElementsOf(schemaWords);
        assertThat(code(body).filter(line -> line.contains(".."))).as("names built in %s", script).isEmpty();
        assertThat(code(body).filter(line -> line.contains("job:") || line.contains("receipt:") || line.contains("miner:")))
                .as("key names in %s", script).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Script.class)
    void everySchemaNameAScriptUsesExists(Script script) {
        Map<String, Set<String>> tables = Map.of("F", names(JobField.values()), "R", names(ReceiptField.values()),
                "S", names(JobState.values()), "T", names(TotalField.values()), "V", names(Verdict.values()));
        Matcher uses = TABLE_USE.matcher(body(script));
        while (uses.find()) {
            assertThat(tables.get(uses.group(1))).as("%s in %s", uses.group(), script).contains(uses.group(2));
        }
    }

    @Test
    void theReadmeKeyTableListsTheSchema() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith("| `miner:{id}:"))
                .toList();
        for (JobState state : JobState.values()) {
            String row = row(rows, "`miner:{id}:" + state.label() + "`");
            assertThat(row.split("\\|")[2].trim()).as("type of %s", state.label())
                    .startsWith(QueueKeys.sorted(state) ? "sorted set" : "list");
        }
        assertThat(fieldsIn(row(rows, "`miner:{id}:job:<jobId>`")))
                .containsExactlyElementsOf(Arrays.stream(JobField.values()).map(JobField::key).toList());
        assertThat(fieldsIn(row(rows, "`miner:{id}:receipt:<receiptId>`")))
                .containsExactlyElementsOf(Arrays.stream(ReceiptField.values()).map(ReceiptField::key).toList());
    }

    @Test
    void thePreludeDefinesEveryTableFromTheEnums() {
        assertThat(LuaSchema.PRELUDE).contains("STATE = 'state'", "UPLOAD_AFTER = 'upload_after'",
                "RECEIVED_AT = 'received_at'", "OUTBOX = 'outbox'", "NOT_OWNER = 'NOT_OWNER'");
    }

    /** The field names of a README row: the code spans of its last column, leaving out what parentheses explain. */
    private static List<String> fieldsIn(String row) {
        String holds = row.substring(row.lastIndexOf('|', row.length() - 2) + 1).replaceAll("\\([^)]*\\)", "");
        return matches(CODE, holds, 1).toList();
    }

    private static String row(List<String> rows, String key) {
        return rows.stream().filter(r -> r.startsWith("| " + key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no row for " + key));
    }

    private static <E extends Enum<E>> Set<String> names(E[] constants) {
        return Arrays.stream(constants).map(Enum::name).collect(Collectors.toSet());
    }

    private static Stream<String> matches(Pattern pattern, String text, int group) {
        return pattern.matcher(text).results().map(m -> m.group(group));
    }

    /** The script's lines without its comments. */
    private static Stream<String> code(String body) {
        return body.lines().filter(line -> !line.trim().startsWith("--"));
    }

    private static String body(Script script) {
        String resource = "queue/" + script.name().toLowerCase(Locale.ROOT) + ".lua";
        try (InputStream in = QueueSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
