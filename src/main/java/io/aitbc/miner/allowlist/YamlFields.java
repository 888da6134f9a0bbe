package io.aitbc.miner.allowlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The fields of one YAML mapping, read with their line numbers so every error names its line. */
final class YamlFields {

    private final Map<String, Node> fields = new LinkedHashMap<>();
    private final int line;

    private YamlFields(int line) {
        this.line = line;
    }

    /** The mapping at {@code node}; duplicate keys and keys outside {@code allowed} are errors. */
    static YamlFields of(Node node, String what, Set<String> allowed) throws AllowlistFormatException {
        if (!(node instanceof MappingNode mapping)) {
            throw new AllowlistFormatException(line(node), what + " must be a mapping");
        }
        YamlFields result = new YamlFields(line(node));
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw new AllowlistFormatException(line(tuple.getKeyNode()),
                        "unknown key '" + key + "' in " + what + " (allowed: "
                                + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (result.fields.put(key, tuple.getValueNode()) != null) {
                throw new AllowlistFormatException(line(tuple.getKeyNode()), "duplicate key '" + key + "'");
            }
        }
        return result;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static String scalar(Node node, String what) throws AllowlistFormatException {
        if (!(node instanceof ScalarNode scalar)) {
            throw new AllowlistFormatException(line(node), what + " must be a single value");
        }
        return scalar.getValue();
    }

    static List<Node> sequence(Node node, String what) throws AllowlistFormatException {
        if (!(node instanceof SequenceNode sequence)) {
            throw new AllowlistFormatException(line(node), what + " must be a list");
        }
        return sequence.getValue();
    }

    int line() {
        return line;
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    String required(String key) throws AllowlistFormatException {
        Node node = fields.get(key);
        if (node == null) {
            throw new AllowlistFormatException(line, "missing '" + key + "'");
        }
        return scalar(node, "'" + key + "'");
    }

    Optional<String> optional(String key) throws AllowlistFormatException {
        Node node = fields.get(key);
        return node == null ? Optional.empty() : Optional.of(scalar(node, "'" + key + "'"));
    }

    /** A list of scalars; empty when the key is absent. */
    List<String> strings(String key) throws AllowlistFormatException {
        Node node = fields.get(key);
        List<String> values = new ArrayList<>();
        if (node != null) {
            for (Node item : sequence(node, "'" + key + "'")) {
                values.add(scalar(item, "an item of '" + key + "'"));
            }
        }
        return values;
    }

    /** The line of {@code key}'s value, or the mapping's line when it is absent. */
    int lineOf(String key) {
        Node node = fields.get(key);
        return node == null ? line : line(node);
    }
}
