package io.aitbc.miner.runner.sandbox;

import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the node offers to contain jobs, found at start-up (D15).
 *
 * @param netns a private network namespace can be made ({@code unshare -n}, or {@code unshare -c -n} when not root)
 * @param cgroup the cgroup hierarchy used for memory limits, OOM detection and kills
 * @param rlimit {@code prlimit} can set {@code RLIMIT_AS}
 * @param processGroups {@code setsid}, {@code nice}, {@code ionice} and {@code kill} exist: {@code cli} and
 *        {@code python} jobs can run at all
 * @param cgroupParent where job cgroups are made, when {@code cgroup} is not {@code NONE}
 * @param root whether the agent runs as root (else {@code unshare -c} maps the user)
 */
public record SandboxFacilities(boolean netns, CgroupMode cgroup, boolean rlimit, boolean processGroups,
        Optional<Path> cgroupParent, boolean root) {

    /** {@code {netns, cgroup, rlimit}} for the capability document and readiness data. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("netns", netns);
        node.put("cgroup", cgroup.label());
        node.put("rlimit", rlimit);
        return node;
    }

    /** Whether a memory limit can be enforced. */
    public boolean memoryLimits() {
        return cgroup != CgroupMode.NONE || rlimit;
    }
}
