package io.aitbc.miner.runner.sandbox;

import java.util.Locale;

/** Which cgroup hierarchy limits jobs (D15). */
public enum CgroupMode {
    /** cgroup v1 with a writable memory controller. */
    V1,
    /** cgroup v2 (unified) with {@code memory} and {@code pids} delegated to the agent. */
    V2,
    /** No usable cgroup: memory falls back to {@code RLIMIT_AS} through {@code prlimit}. */
    NONE;

    /** {@code v1}, {@code v2} or {@code none}, as the capability document writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
