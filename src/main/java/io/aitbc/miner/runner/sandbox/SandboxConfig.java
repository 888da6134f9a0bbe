package io.aitbc.miner.runner.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.aitbc.miner.config.CheckedConfig;
import io.aitbc.miner.config.ConfigProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Limits and facilities of {@code cli} and {@code python} jobs (decisions D15–D19, D22). */
@ConfigMapping(prefix = "miner")
public interface SandboxConfig extends CheckedConfig {

    /** The default of {@link #jobPidsMax()}. */
    String DEFAULT_JOB_PIDS_MAX = "1024";

    /**
     * {@code MINER_SANDBOX_FORCE_FALLBACK}: ignore cgroups and network namespaces and use only {@code prlimit} (D15);
     * default false.
     */
    @WithName("sandbox.force-fallback")
    @WithDefault("false")
    boolean forceFallback();

    /**
     * {@code MINER_ALLOW_UNISOLATED_NETWORK}: run {@code network: false} entries even where no private network namespace
     * can be made; default false (they are refused with {@code E_DENY}).
     */
    @WithName("allow-unisolated-network")
    @WithDefault("false")
    boolean allowUnisolatedNetwork();

    /** {@code MINER_OUTPUT_MAX_BYTES}: stdout (head) and stderr (tail) kept per job, each; default {@code 64K}. */
    @WithName("output.max-bytes")
    @WithDefault("64K")
    MemorySize outputMaxBytes();

    /** {@code MINER_ARTIFACT_INLINE_MAX}: largest artifact inlined as base64 in the result; default {@code 64K}. */
    @WithName("artifact.inline-max")
    @WithDefault("64K")
    MemorySize artifactInlineMax();

    /** {@code MINER_ARG_MAX_BYTES}: longest argument accepted (D18); default {@code 4K}. */
    @WithName("arg.max-bytes")
    @WithDefault("4K")
    MemorySize argMaxBytes();

    /** {@code MINER_STDIN_MAX_BYTES}: largest stdin (or Python args JSON) accepted; default {@code 1M}. */
    @WithName("stdin.max-bytes")
    @WithDefault("1M")
    MemorySize stdinMaxBytes();

    /**
     * {@code MINER_JOB_PIDS_MAX}: the most processes and threads one job may have at once, {@code pids.max} of its
     * cgroup on cgroup v2 (a fork bomb stops there, below the service's own task limit); 0 for no limit; default
     * {@value #DEFAULT_JOB_PIDS_MAX}.
     */
    @WithName("job.pids-max")
    @WithDefault(DEFAULT_JOB_PIDS_MAX)
    int jobPidsMax();

    /** {@code MINER_PYTHON}: the interpreter of {@code python} jobs (D17); default {@code /usr/bin/python3}. */
    @WithName("python")
    @WithDefault("/usr/bin/python3")
    Path python();

    /** {@code MINER_JOB_SECRETS_DIR}: the mounted files allowlist entries may hand to jobs (D19); default none. */
    @WithName("job.secrets-dir")
    Optional<Path> jobSecretsDir();

    /**
     * {@code MINER_JOB_SECRETS_TMP_DIR}: the tmpfs holding each run's private copy of its secrets, swept at start-up;
     * default {@code /dev/shm}.
     */
    @WithName("job.secrets-tmp-dir")
    @WithDefault("/dev/shm")
    Path jobSecretsTmpDir();

    /**
     * {@code MINER_JOB_STALL_TIMEOUT}: a {@code cli}/{@code python}/ffmpeg process whose CPU time does not move for
     * this long is hung: killed and failed {@code E_TIMEOUT: stalled …} (D44); default 10m.
     */
    @WithName("job.stall-timeout")
    @WithDefault("10m")
    Duration jobStallTimeout();

    /** The default of {@link #jobStallTimeout()}, for sandboxes made without the configuration. */
    Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(10);

    @Override
    default ConfigProblems problems() {
        return new ConfigProblems().positive("miner.job.stall-timeout", jobStallTimeout())
                .atLeast("miner.output.max-bytes", outputMaxBytes(), "1K")
                .atLeast("miner.arg.max-bytes", argMaxBytes(), "1")
                .require(jobPidsMax() >= 0, "miner.job.pids-max", "must be 0 (no limit) or more");
    }
}
