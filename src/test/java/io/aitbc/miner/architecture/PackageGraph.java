package io.aitbc.miner.architecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The import graph between the agent's packages, read from the compiled classes by the JDK's {@code jdeps}: an edge
 * for every class of one package that refers to a class of another, with those class pairs as evidence. Bytecode
 * carries every reference except compile-time constants, which {@code javac} copies into the class that uses them.
 */
final class PackageGraph {

    /** The base package; names in the graph are relative to it, the base itself is {@link #ROOT}. */
    static final String BASE = "io.aitbc.miner";
    /** The name of the base package itself. */
    static final String ROOT = BASE;

    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*(\\S+)\\s+->\\s+(\\S+)\\s");

    private final Set<String> packages;
    /** from → to → the class references that make the edge. */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    /**
     * @param packages every package that has classes
     * @param references class-to-class references, as pairs of fully qualified names
     */
    PackageGraph(Set<String> packages, List<Map.Entry<String, String>> references) {
        this.packages = new TreeSet<>(packages);
        for (Map.Entry<String, String> reference : references) {
            String from = packageOf(reference.getKey());
            String to = packageOf(reference.getValue());
            if (!from.equals(to)) {
                edges.computeIfAbsent(from, f -> new TreeMap<>()).computeIfAbsent(to, t -> new TreeSet<>())
                        .add(simple(reference.getKey()) + " -> " + simple(reference.getValue()));
            }
        }
    }

    /** The graph of the classes under {@code classes} (a class-path root such as {@code target/classes}). */
    static PackageGraph read(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new IllegalStateException("no jdeps: run the tests on a full JDK (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-e",
                Pattern.quote(BASE) + "\\..*", classes.toString());
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        }
        List<Map.Entry<String, String>> references = new ArrayList<>();
        out.toString().lines().map(DEPENDENCY::matcher).filter(Matcher::find)
                .filter(m -> m.group(1).startsWith(BASE + ".") && m.group(2).startsWith(BASE + "."))
                .forEach(m -> references.add(Map.entry(m.group(1), m.group(2))));
        return new PackageGraph(packagesUnder(classes), references);
    }

    /** Every package that has classes. */
    Set<String> packages() {
        return packages;
    }

    /** from → to, without self-edges. */
    Map<String, Set<String>> edges() {
        Map<String, Set<String>> plain = new TreeMap<>();
        edges.forEach((from, targets) -> plain.put(from, targets.keySet()));
        return plain;
    }

    /** The class references behind the edge {@code from → to}. */
    Set<String> evidence(String from, String to) {
        return edges.getOrDefault(from, Map.of()).getOrDefault(to, Set.of());
    }

    /**
     * One shortest cycle through each strongly connected component of more than one package, written
     * {@code a -> b -> a}; empty when the graph is acyclic.
     */
    List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new Components(edges()).find()) {
            if (component.size() > 1) {
                cycles.add(shortestCycle(component.iterator().next(), component));
            }
        }
        return cycles;
    }

    /** A cycle with the class references behind each of its edges: {@code a -> b -> a (A -> B; B -> A)}. */
    String describe(List<String> cycle) {
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            evidence.add(String.join(", ", evidence(cycle.get(i), cycle.get(i + 1))));
        }
        return String.join(" -> ", cycle) + " (" + String.join("; ", evidence) + ")";
    }

    private List<String> shortestCycle(String start, Set<String> component) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> frontier = new ArrayDeque<>(List.of(start));
        while (!frontier.isEmpty()) {
            String node = frontier.removeFirst();
            for (String next : edges().getOrDefault(node, Set.of())) {
                if (next.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = node; !at.equals(start); at = cameFrom.get(at)) {
                        cycle.add(1, at);
                    }
                    cycle.add(start);
                    return cycle;
                }
                if (component.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, node);
                    frontier.addLast(next);
                }
            }
        }
        throw new IllegalStateException(start + " lies on no cycle of " + component);
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return pkg.equals(BASE) ? ROOT : pkg.substring(BASE.length() + 1);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Set<String> packagesUnder(Path classes) {
        Path base = classes.resolve(BASE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(base)) {
            Set<String> found = new TreeSet<>();
            files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .forEach(name -> found.add(packageOf(name)));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tarjan's strongly connected components. */
    private static final class Components {

        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<Set<String>> found = new ArrayList<>();

        Components(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<Set<String>> find() {
            Set<String> nodes = new TreeSet<>(edges.keySet());
            edges.values().forEach(nodes::addAll);
            nodes.stream().filter(n -> !index.containsKey(n)).forEach(this::visit);
            return found;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    component.add(member);
                } while (!member.equals(node));
                found.add(component);
            }
        }
    }
}
