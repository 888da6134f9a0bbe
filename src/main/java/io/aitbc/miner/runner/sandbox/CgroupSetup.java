package io.aitbc.miner.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.logging.Log;

/**
 * Finds the agent's own cgroup at start-up and makes it ready for job cgroups (D15). On v2 the agent moves its
 * processes to {@code <own>/agent} (no process may live in a cgroup that delegates controllers) and enables
 * {@code +memory +pids} in {@code <own>/cgroup.subtree_control}; job cgroups are siblings of {@code agent}. On v1 job
 * cgroups are children of the agent's memory cgroup. Anything not writable means {@link CgroupMode#NONE}.
 *
 * @param mode what was found
 * @param parent where job cgroups are made
 */
record CgroupSetup(CgroupMode mode, Optional<Path> parent) {

    static final CgroupSetup NONE = new CgroupSetup(CgroupMode.NONE, Optional.empty());
    private static final String AGENT = "agent";

    static CgroupSetup detect(Path procSelfCgroup, Path mountRoot) {
        try {
            List<String> lines = Files.readAllLines(procSelfCgroup);
            if (Files.exists(mountRoot.resolve("cgroup.controllers"))) {
                return v2(mountRoot, lines);
            }
            return v1(mountRoot, lines);
        } catch (IOException | RuntimeException e) {
            Log.infof("No usable cgroup for jobs (%s): memory limits fall back to prlimit", e.toString());
            return NONE;
        }
    }

    private static CgroupSetup v2(Path mountRoot, List<String> lines) throws IOException {
        String own = lines.stream().filter(l -> l.startsWith("0::")).findFirst().map(l -> l.substring(3))
                .orElseThrow(() -> new IOException("no cgroup v2 line in /proc/self/cgroup"));
        Path dir = mountRoot.resolve(own.replaceFirst("^/", ""));
        if (dir.getFileName() != null && dir.getFileName().toString().equals(AGENT)) {
            dir = dir.getParent();
        }
        List<String> offered = List.of(Files.readString(dir.resolve("cgroup.controllers")).strip().split("\\s+"));
        if (!offered.contains("memory")) {
            throw new IOException("the memory controller is not delegated to " + dir);
        }
        Path agent = dir.resolve(AGENT);
        Files.createDirectories(agent);
        for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
            moveQuietly(agent, pid);
        }
        // One write enables all or nothing: +pids only where it is offered, so a node without it keeps memory limits.
        Files.writeString(dir.resolve("cgroup.subtree_control"), offered.contains("pids") ? "+memory +pids" : "+memory");
        Log.infof("Jobs run in cgroup v2 under %s (agent moved to %s)%s", dir, agent,
                offered.contains("pids") ? "" : "; the pids controller is not delegated: job process counts unlimited");
        return new CgroupSetup(CgroupMode.V2, Optional.of(dir));
    }

    /** Moves one process of the agent's cgroup (the JVM, a wrapper shell) to {@code agent}; a gone one is skipped. */
    private static void moveQuietly(Path agent, String pid) {
        try {
            Files.writeString(agent.resolve("cgroup.procs"), pid);
        } catch (IOException e) {
            Log.debugf("Process %s not moved to %s: %s", pid, agent, e.getMessage());
        }
    }

    private static CgroupSetup v1(Path mountRoot, List<String> lines) throws IOException {
        String own = lines.stream().map(l -> l.split(":", 3)).filter(p -> p.length == 3)
                .filter(p -> List.of(p[1].split(",")).contains("memory")).map(p -> p[2]).findFirst()
                .orElseThrow(() -> new IOException("no memory controller in /proc/self/cgroup"));
        Path dir = mountRoot.resolve("memory").resolve(own.replaceFirst("^/", ""));
        Path probe = Files.createDirectory(dir.resolve("aitbc-probe-" + ProcessHandle.current().pid()));
        try {
            Files.writeString(probe.resolve("memory.limit_in_bytes"), Long.toString(64L << 20));
        } finally {
            Files.delete(probe);
        }
        Log.infof("Jobs run in cgroup v1 memory cgroups under %s", dir);
        return new CgroupSetup(CgroupMode.V1, Optional.of(dir));
    }
}
