package io.aitbc.miner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The coordinator simulator, the fake Ollama and the test tooling stay out of the production fast-jar (D33). */
class PackagingIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final List<String> TEST_ONLY = List.of("io/aitbc/miner/sim/", "io/aitbc/miner/testing/",
            "io/aitbc/miner/demo/");

    @Test
    void noTestOnlyClassIsPackaged() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(APP)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertThat(jars).as("jars under %s", APP).isNotEmpty();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> leaked = file.stream().map(e -> e.getName())
                        .filter(name -> TEST_ONLY.stream().anyMatch(name::startsWith)).toList();
                assertThat(leaked).as("test-only classes in %s", jar).isEmpty();
            }
        }
        assertThat(APP.resolve("app").resolve("aitbc-miner-node-0.1.0-SNAPSHOT.jar")).exists();
    }
}
