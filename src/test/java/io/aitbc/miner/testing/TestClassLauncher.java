package io.aitbc.miner.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.MethodFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs test classes with the JUnit Platform launcher where there is a JDK and the test classpath but no Maven: the VM
 * tests' guest (src/test/vm). Writes each test's result as {@code {"tests": [{test, status, message}]}}, status
 * {@code SUCCESSFUL}, {@code FAILED}, {@code ABORTED} (an assumption did not hold) or {@code SKIPPED}, and exits 0
 * only when no test failed.
 * <p>
 * Usage: {@code java -cp <test classpath> io.aitbc.miner.testing.TestClassLauncher <report.json> [--exclude
 * <regex>]... <class>...}; {@code --exclude} leaves out the methods whose {@code <class>#<method>(<parameters>)}
 * matches.
 */
public final class TestClassLauncher {

    private TestClassLauncher() {
    }

    public static void main(String[] args) throws IOException {
        List<ClassSelector> classes = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--exclude") && i + 1 < args.length) {
                excluded.add(args[++i]);
            } else {
                classes.add(selectClass(args[i]));
            }
        }
        if (classes.isEmpty()) {
            System.err.println("usage: TestClassLauncher <report.json> [--exclude <regex>]... <test class>...");
            System.exit(2);
        }
        Results results = new Results();
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(classes);
        if (!excluded.isEmpty()) {
            builder.filters(MethodFilter.excludeMethodNamePatterns(excluded));
        }
        LauncherDiscoveryRequest request = builder.build();
        LauncherFactory.create().execute(request, results);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), results.report);
        System.out.printf("%d tests, %d failed%n", results.report.get("tests").size(), results.failed.size());
        results.failed.forEach((test, message) -> System.out.println("FAILED " + test + ": " + message));
        System.exit(results.failed.isEmpty() ? 0 : 1);
    }

    /** Collects one entry per test method (or per parameterised invocation). */
    private static final class Results implements TestExecutionListener {

        private final ObjectNode report = new ObjectMapper().createObjectNode();
        private final ArrayNode tests = report.putArray("tests");
        private final ConcurrentMap<String, String> failed = new ConcurrentHashMap<>();

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            add(test, "SKIPPED", reason);
        }

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            String message = result.getThrowable().map(Throwable::toString).orElse("");
            add(test, result.getStatus().name(), message);
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.put(name(test), message);
            }
        }

        private synchronized void add(TestIdentifier test, String status, String message) {
            tests.addObject().put("test", name(test)).put("status", status).put("message", message);
        }

        /** {@code Class#method(params) [invocation]}, from the unique id's segments. */
        private static String name(TestIdentifier test) {
            StringBuilder name = new StringBuilder();
            test.getUniqueIdObject().getSegments().forEach(segment -> {
                switch (segment.getType()) {
                    case "class" -> name.append(segment.getValue().replaceFirst(".*\\.", ""));
                    case "method", "test-template" -> name.append('#').append(segment.getValue());
                    case "test-template-invocation" -> name.append(' ').append(test.getDisplayName());
                    default -> {
                    }
                }
            });
            return name.toString();
        }
    }
}
