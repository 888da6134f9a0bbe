package io.aitbc.miner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process helper with real programs: argv, environment, input, capped output, the time limit, the stop. */
class ExecTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void runsAnArgvWithItsEnvironmentFolderAndInput() throws Exception {
        Exited run = Exec.run(Command.of(List.of("/bin/sh", "-c", "pwd; echo \"$GREETING\"; cat; echo oops >&2; exit 3"),
                LONG).withEnvironment(Map.of("GREETING", "hello")).withDirectory(dir)
                .withStdin("from stdin".getBytes(StandardCharsets.UTF_8)));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.timedOut()).isFalse();
        assertThat(run.stdout().text()).isEqualTo(dir.toRealPath() + "\nhello\nfrom stdin");
        assertThat(run.stderr().text()).isEqualTo("oops\n");
        assertThat(run.elapsedNanos()).isPositive();
    }

    @Test
    void theOutputOfAToolThatEndsAtOnceIsNeverLost() throws Exception {
        List<Thread> callers = new ArrayList<>();
        List<String> lost = new CopyOnWriteArrayList<>();
        for (int caller = 0; caller < 8; caller++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 60; i++) {
                    try {
                        Exited run = Exec.run(Command.of(List.of("/bin/echo", "line " + i), Duration.ofSeconds(30)));
                        if (!run.stdout().text().equals("line " + i + "\n")) {
                            lost.add("run " + i + " printed '" + run.stdout().text() + "'");
                        }
                    } catch (IOException e) {
                        lost.add(e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(lost).as("runs whose output was lost").isEmpty();
    }

    @Test
    void theAgentsEnvironmentIsInheritedOnlyWhenNoneIsGiven() throws Exception {
        Exited inherited = Exec.run(Command.of(List.of("/bin/sh", "-c", "echo \"$PATH\""), LONG));
        Exited clean = Exec.run(Command.of(List.of("/bin/sh", "-c", "echo \"[$HOME]\""), LONG)
                .withEnvironment(Map.of()));

        assertThat(inherited.stdout().text().strip()).isEqualTo(System.getenv("PATH"));
        assertThat(clean.stdout().text().strip()).isEqualTo("[]");
    }

    @Test
    void outputIsCappedStdoutKeepingItsHeadAndStderrItsTail() throws Exception {
        Exited run = Exec.run(Command.of(List.of("/bin/sh", "-c",
                "printf 'H%.0s' $(seq 1 3000); printf T; printf h >&2; printf 'y%.0s' $(seq 1 3000) >&2"), LONG)
                .withOutputMax(1000));

        assertThat(run.stdout().cut()).isTrue();
        assertThat(run.stdout().totalBytes()).isEqualTo(3001);
        assertThat(run.stdout().text()).startsWith("HHH").endsWith("[cut: 2001 more bytes]");
        assertThat(run.stderr().text()).startsWith("[cut: 2001 earlier bytes]").endsWith("yyy");
    }

    @Test
    void aToolPastItsTimeIsKilledWithWhatItStarted() throws Exception {
        Path child = dir.resolve("child.pid");
        long started = System.nanoTime();

        Exited run = Exec.run(Command.of(List.of("/bin/sh", "-c", "sleep 60 & echo $! > " + child + "; wait"),
                Duration.ofMillis(300)));

        assertThat(run.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Exec.GRACE.plusSeconds(2));
        long sleeper = Long.parseLong(Files.readString(child).strip());
        await().atMost(Duration.ofSeconds(2)).until(() -> !ProcessGroups.running(sleeper));
    }

    @Test
    void aGroupLeaderPastItsTimeGetsSigtermForItsWholeGroup() throws Exception {
        Path trapped = dir.resolve("trapped");
        ProcessGroups groups = new ProcessGroups(Optional.of(Path.of("/usr/bin/kill")));
        String script = "trap 'echo term > " + trapped + "; exit 0' TERM; sleep 60 & wait";

        Exited run = Exec.run(Command.of(List.of("/usr/bin/setsid", "-w", "/bin/sh", "-c", script),
                Duration.ofMillis(300)), groups.stopper(), pid -> {
                });

        assertThat(run.timedOut()).isTrue();
        assertThat(trapped).hasContent("term\n");
    }

    @Test
    void aProgramThatCannotStartFailsWithIOException() {
        assertThatThrownBy(() -> Exec.run(Command.of(List.of(dir.resolve("missing").toString()), LONG)))
                .isInstanceOf(IOException.class);
    }
}
