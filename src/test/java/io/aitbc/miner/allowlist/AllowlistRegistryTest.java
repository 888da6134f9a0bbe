package io.aitbc.miner.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.job.SlotKind;

class AllowlistRegistryTest {

    private static final String GOOD = """
            commands:
              - name: sha256
                path: /usr/bin/sha256sum
                args: ['[A-Za-z0-9._-]{1,128}']
                max-args: 8
                timeout: 60s
                memory: 512Mi
                slot: gpu
                network: true
                secrets: [token]
            python:
              - module: aitbc_tasks.resize
                path: /tmp
                timeout: 2m
                memory: 1G
            """;

    @TempDir
    Path dir;

    private AllowlistRegistry registry;

    @AfterEach
    void close() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void readsEveryFieldWithItsDefaults() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), GOOD + "  - module: other\n    path: /tmp\n");
        Allowlist list = start().current();

        CommandEntry sha = list.command("sha256").orElseThrow();
        assertThat(sha.path()).isEqualTo(Path.of("/usr/bin/sha256sum"));
        assertThat(sha.maxArgs()).isEqualTo(8);
        assertThat(sha.limits().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(sha.limits().memoryBytes()).hasValue(512L << 20);
        assertThat(sha.limits().slot()).isEqualTo(SlotKind.GPU);
        assertThat(sha.limits().network()).isTrue();
        assertThat(sha.limits().secrets()).containsExactly("token");
        assertThat(list.module("aitbc_tasks.resize").orElseThrow().limits().memoryBytes()).hasValue(1_000_000_000L);
        PythonEntry other = list.module("other").orElseThrow();
        assertThat(other.limits().timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(other.limits().slot()).isEqualTo(SlotKind.CPU);
        assertThat(other.limits().network()).isFalse();
        assertThat(other.limits().memoryBytes()).isEmpty();
        assertThat(list.problems()).isEmpty();
    }

    @Test
    void aMalformedFileIsReportedWithItsLineAndIgnoredWhileTheOthersApply() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yaml"), "commands:\n  - name: ls\n    path: /usr/bin/ls\n    colour: red\n");
        Files.writeString(dir.resolve("c.yaml"), "commands: [\n  unclosed\n");
        Files.writeString(dir.resolve("d.yaml"), "commands:\n  - name: rel\n    path: usr/bin/ls\n");
        AllowlistRegistry list = start();

        assertThat(list.current().command("sha256")).isPresent();
        assertThat(list.current().command("ls")).isEmpty();
        assertThat(list.problemIn("b.yaml").orElseThrow()).satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("unknown key 'colour'");
            assertThat(p.fileIgnored()).isTrue();
        });
        assertThat(list.problemIn("c.yaml").orElseThrow().line()).isEqualTo(3);
        assertThat(list.problemIn("d.yaml").orElseThrow().message()).contains("must be absolute");
    }

    @Test
    void aMissingExecutableDropsOnlyItsEntry() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "commands:\n  - name: gone\n    path: /nonexistent/tool\n"
                + "  - name: echo\n    path: /usr/bin/echo\n");
        AllowlistRegistry list = start();

        assertThat(list.current().command("echo")).isPresent();
        assertThat(list.current().command("gone")).isEmpty();
        assertThat(list.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.fileIgnored()).isFalse();
        });
    }

    @Test
    void aDuplicateNameKeepsTheFirstFile() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "commands:\n  - name: x\n    path: /usr/bin/echo\n");
        Files.writeString(dir.resolve("b.yaml"), "commands:\n  - name: x\n    path: /usr/bin/true\n");
        AllowlistRegistry list = start();

        assertThat(list.current().command("x").orElseThrow().path()).isEqualTo(Path.of("/usr/bin/echo"));
        assertThat(list.problemIn("b.yaml").orElseThrow().message()).contains("already defined");
    }

    @Test
    void aChangedFileIsReReadOnTheDirectoryEvent() throws Exception {
        AllowlistRegistry list = start();
        assertThat(list.current().command("sha256")).isEmpty();

        Files.writeString(dir.resolve("a.yaml"), GOOD);

        await().atMost(Duration.ofSeconds(10)).until(() -> list.current().command("sha256").isPresent());
    }

    @Test
    void aConfigMapSymlinkSwapIsPickedUp() throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("..2024_01"));
        Files.writeString(v1.resolve("tools.yaml"), "commands:\n  - name: one\n    path: /usr/bin/echo\n");
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Files.createSymbolicLink(dir.resolve("tools.yaml"), Path.of("..data/tools.yaml"));
        AllowlistRegistry list = start();
        assertThat(list.current().command("one")).isPresent();

        Path v2 = Files.createDirectory(dir.resolve("..2024_02"));
        Files.writeString(v2.resolve("tools.yaml"), "commands:\n  - name: two\n    path: /usr/bin/echo\n");
        Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
        Files.move(tmp, dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(10)).until(() -> list.current().command("two").isPresent());
        list.rescan();
        assertThat(list.current().command("one")).isEmpty();
    }

    @Test
    void argumentsMustFullyMatchAPatternAndAreCheckedForSizeAndNulFirst() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        CommandEntry sha = start().current().command("sha256").orElseThrow();

        assertThat(ArgumentPolicy.refusal(sha, List.of("file.txt", "b-2"), 4096)).isEmpty();
        assertThat(ArgumentPolicy.refusal(sha, List.of("ok", "a/b"), 4096)).hasValueSatisfying(
                m -> assertThat(m).contains("argument 2 is not allowed"));
        assertThat(ArgumentPolicy.refusal(sha, List.of("x".repeat(200)), 100)).hasValueSatisfying(
                m -> assertThat(m).contains("longer than 100 bytes"));
        assertThat(ArgumentPolicy.refusal(sha, List.of("a\0b"), 4096)).hasValueSatisfying(
                m -> assertThat(m).contains("NUL"));
        assertThat(ArgumentPolicy.refusal(sha, List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), 4096))
                .hasValueSatisfying(m -> assertThat(m).contains("at most 8"));
    }

    private AllowlistRegistry start() {
        registry = new AllowlistRegistry(new AllowlistConfig() {
            @Override
            public Path dir() {
                return dir;
            }

            @Override
            public Duration rescanInterval() {
                return Duration.ofSeconds(30);
            }
        });
        return registry;
    }
}
