package io.aitbc.miner.runner.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argv that starts a job (D15), never through a shell that sees job input: {@code setsid -w [prlimit --as=<bytes>
 * --] [/bin/sh -c <fixed script> <cgroup dir>] nice -n 10 ionice -c 3 -t [unshare [-c] -n] <exe> <args…>}. Every
 * wrapper execs the next in place, so the job's pid is its process group id. The fixed script only writes its own pid
 * to the cgroup; the job's words reach it as {@code "$@"}, never parsed.
 */
final class Trampoline {

    static final String CGROUP_SCRIPT = "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"";

    private final Tools tools;

    Trampoline(Tools tools) {
        this.tools = tools;
    }

    /**
     * @param addressSpace {@code RLIMIT_AS} in bytes, when the limit falls back to {@code prlimit}
     * @param cgroup the job's cgroup directory, when it has one
     * @param isolateNetwork whether to run it in a private network namespace
     * @param root whether the agent is root ({@code unshare -n}) or not ({@code unshare -c -n})
     */
    List<String> argv(Path exe, List<String> args, Optional<Long> addressSpace, Optional<Path> cgroup,
            boolean isolateNetwork, boolean root) {
        List<String> argv = new ArrayList<>();
        argv.add(tools.setsid().orElseThrow().toString());
        argv.add("-w");
        addressSpace.ifPresent(bytes -> argv.addAll(List.of(tools.prlimit().orElseThrow().toString(),
                "--as=" + bytes, "--")));
        cgroup.ifPresent(dir -> argv.addAll(List.of(tools.sh().orElseThrow().toString(), "-c", CGROUP_SCRIPT,
                dir.toString())));
        argv.addAll(List.of(tools.nice().orElseThrow().toString(), "-n", "10", tools.ionice().orElseThrow().toString(),
                "-c", "3", "-t"));
        if (isolateNetwork) {
            argv.add(tools.unshare().orElseThrow().toString());
            if (!root) {
                argv.add("-c");
            }
            argv.add("-n");
        }
        argv.add(exe.toString());
        argv.addAll(args);
        return argv;
    }
}
