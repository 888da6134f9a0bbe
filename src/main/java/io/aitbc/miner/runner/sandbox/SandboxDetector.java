package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.aitbc.miner.process.Command;
import io.aitbc.miner.process.Exec;
import io.aitbc.miner.process.Exited;
import io.quarkus.logging.Log;

/** Finds the sandbox facilities of this node at start-up by trying each one (D15). */
final class SandboxDetector {

    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(10);

    private SandboxDetector() {
    }

    static SandboxFacilities detect(Tools tools, boolean forceFallback) {
        boolean root = isRoot();
        boolean groups = tools.usable();
        boolean rlimit = tools.prlimit().isPresent()
                && works(List.of(tools.prlimit().get().toString(), "--as=1073741824", "--", "/bin/true"));
        if (forceFallback) {
            Log.info("MINER_SANDBOX_FORCE_FALLBACK=true: no cgroups, no network namespaces, prlimit only");
            return new SandboxFacilities(false, CgroupMode.NONE, rlimit, groups, Optional.empty(), root);
        }
        boolean netns = tools.unshare().isPresent() && works(unshare(tools, root));
        CgroupSetup cgroup = CgroupSetup.detect(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"));
        return new SandboxFacilities(netns, cgroup.mode(), rlimit, groups, cgroup.parent(), root);
    }

    private static List<String> unshare(Tools tools, boolean root) {
        List<String> argv = new ArrayList<>(List.of(tools.unshare().get().toString()));
        if (!root) {
            argv.add("-c");
        }
        argv.addAll(List.of("-n", "/bin/true"));
        return argv;
    }

    private static boolean works(List<String> argv) {
        try {
            Exited tried = Exec.run(Command.of(argv, TRY_TIMEOUT).withOutputMax(0));
            return !tried.timedOut() && tried.exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
