package io.aitbc.miner.allowlist;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import io.aitbc.miner.job.SlotKind;

/**
 * Reads one allowlist file (README, "Allowlist files"). A structural error (bad YAML, unknown key, wrong type,
 * bad pattern) makes the whole file malformed; an executable or directory that does not exist drops only its entry.
 */
final class AllowlistParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,15}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Set<String> TOP = Set.of("commands", "python");
    private static final Set<String> LIMIT_KEYS = Set.of("timeout", "memory", "slot", "network", "secrets");
    private static final Set<String> COMMAND_KEYS = union(LIMIT_KEYS, "name", "path", "args", "max-args");
    private static final Set<String> PYTHON_KEYS = union(LIMIT_KEYS, "module", "path");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    private static final int DEFAULT_MAX_ARGS = 16;

    /** What a file holds, and the entries dropped from it. */
    record Parsed(List<CommandEntry> commands, List<PythonEntry> modules, List<AllowlistProblem> dropped) {
    }

    private final String file;
    private final Parsed parsed = new Parsed(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    private AllowlistParser(String file) {
        this.file = file;
    }

    static Parsed parse(String file, String text) throws AllowlistFormatException {
        AllowlistParser parser = new AllowlistParser(file);
        Node root = compose(text);
        if (root == null) {
            return parser.parsed;
        }
        YamlFields top = YamlFields.of(root, "the file", TOP);
        if (top.node("commands").isPresent()) {
            for (Node item : YamlFields.sequence(top.node("commands").get(), "'commands'")) {
                parser.command(YamlFields.of(item, "a command", COMMAND_KEYS));
            }
        }
        if (top.node("python").isPresent()) {
            for (Node item : YamlFields.sequence(top.node("python").get(), "'python'")) {
                parser.module(YamlFields.of(item, "a python entry", PYTHON_KEYS));
            }
        }
        return parser.parsed;
    }

    private static Node compose(String text) throws AllowlistFormatException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new AllowlistFormatException(line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new AllowlistFormatException(0, "not valid YAML: " + e.getMessage());
        }
    }

    private void command(YamlFields fields) throws AllowlistFormatException {
        String name = matching(fields, "name", NAME);
        Path path = absolute(fields);
        List<Pattern> args = new ArrayList<>();
        for (String pattern : fields.strings("args")) {
            try {
                args.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                throw new AllowlistFormatException(fields.lineOf("args"), "bad pattern '" + pattern + "': "
                        + e.getDescription());
            }
        }
        int maxArgs = integer(fields, "max-args", DEFAULT_MAX_ARGS);
        EntryLimits limits = limits(fields);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            drop(fields, "command '" + name + "': " + path + " is not an executable file");
            return;
        }
        parsed.commands().add(new CommandEntry(name, path, List.copyOf(args), maxArgs, limits));
    }

    private void module(YamlFields fields) throws AllowlistFormatException {
        String module = matching(fields, "module", MODULE);
        Path path = absolute(fields);
        EntryLimits limits = limits(fields);
        if (!Files.isDirectory(path)) {
            drop(fields, "module '" + module + "': " + path + " is not a directory");
            return;
        }
        parsed.modules().add(new PythonEntry(module, path, limits));
    }

    private EntryLimits limits(YamlFields fields) throws AllowlistFormatException {
        Duration timeout = fields.optional("timeout").isPresent()
                ? Quantities.duration(fields.required("timeout"), fields.lineOf("timeout"))
                : DEFAULT_TIMEOUT;
        OptionalLong memory = fields.optional("memory").isPresent()
                ? OptionalLong.of(Quantities.bytes(fields.required("memory"), fields.lineOf("memory")))
                : OptionalLong.empty();
        SlotKind slot = switch (fields.optional("slot").orElse("cpu")) {
            case "cpu" -> SlotKind.CPU;
            case "gpu" -> SlotKind.GPU;
            default -> throw new AllowlistFormatException(fields.lineOf("slot"), "'slot' must be cpu or gpu");
        };
        boolean network = switch (fields.optional("network").orElse("false")) {
            case "false" -> false;
            case "true" -> true;
            default -> throw new AllowlistFormatException(fields.lineOf("network"), "'network' must be true or false");
        };
        List<String> secrets = fields.strings("secrets");
        for (String secret : secrets) {
            if (!SECRET.matcher(secret).matches()) {
                throw new AllowlistFormatException(fields.lineOf("secrets"), "bad secret name '" + secret + "'");
            }
        }
        return new EntryLimits(timeout, memory, slot, network, List.copyOf(secrets), file + ":" + fields.line());
    }

    private static String matching(YamlFields fields, String key, Pattern shape) throws AllowlistFormatException {
        String value = fields.required(key);
        if (!shape.matcher(value).matches()) {
            throw new AllowlistFormatException(fields.lineOf(key), "bad " + key + " '" + value + "'");
        }
        return value;
    }

    private static Path absolute(YamlFields fields) throws AllowlistFormatException {
        String text = fields.required("path");
        if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
            throw new AllowlistFormatException(fields.lineOf("path"), "'path' must be absolute: " + text);
        }
        return Path.of(text).normalize();
    }

    private static int integer(YamlFields fields, String key, int fallback) throws AllowlistFormatException {
        String value = fields.optional(key).orElse(Integer.toString(fallback));
        if (!value.matches("\\d{1,4}")) {
            throw new AllowlistFormatException(fields.lineOf(key), "'" + key + "' must be a number from 0 to 9999");
        }
        return Integer.parseInt(value);
    }

    private void drop(YamlFields fields, String why) {
        parsed.dropped().add(new AllowlistProblem(file, fields.line(), why, false));
    }

    private static Set<String> union(Set<String> base, String... more) {
        var all = new TreeSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
