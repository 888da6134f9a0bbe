package io.aitbc.miner.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.aitbc.miner.allowlist.EntryLimits;
import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.Job;
import io.aitbc.miner.job.Placement;
import io.aitbc.miner.job.SlotKind;
import io.aitbc.miner.probe.HardwareInventory;
import io.aitbc.miner.probe.HardwareProbe;
import io.aitbc.miner.runner.sandbox.Sandbox;
import io.aitbc.miner.runner.sandbox.SandboxConfig;
import io.aitbc.miner.workspace.TestWorkspaceConfig;
import io.aitbc.miner.workspace.Workspaces;
import io.quarkus.runtime.configuration.MemorySize;

/** The checks before a process starts, on the forced fallback (no network namespace, no cgroup). */
class ProcessPolicyTest {

    private static final EntryLimits ISOLATED = new EntryLimits(Duration.ofSeconds(5), OptionalLong.empty(),
            SlotKind.CPU, false, List.of(), "t.yaml:1");
    private static final Placement CPU_SLOT = Placement.of(SlotKind.CPU);
    private static final HardwareProbe CPU_NODE = () -> new HardwareInventory(2, "test cpu", "x86_64", 8L << 30,
            10L << 30, List.of(), Optional.empty());

    @TempDir
    Path dir;

    @Test
    void withoutANetworkNamespaceIsolatedEntriesAreDenied() {
        assertThat(policy(false, 1L << 20).refusal(job("j1"), ISOLATED, CPU_SLOT)).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.E_DENY);
            assertThat(r.message()).contains("MINER_ALLOW_UNISOLATED_NETWORK");
        });
    }

    @Test
    void unlessUnisolatedNetworkIsAllowed() {
        assertThat(policy(true, 1L << 20).refusal(job("j1"), ISOLATED, CPU_SLOT)).isEmpty();
    }

    @Test
    void gpuEntriesWithoutADeviceFailWithENogpu() {
        EntryLimits gpu = new EntryLimits(Duration.ofSeconds(5), OptionalLong.empty(), SlotKind.GPU, true, List.of(),
                "t.yaml:1");
        assertThat(policy(true, 1L << 20).refusal(job("j1"), gpu, CPU_SLOT)).hasValueSatisfying(
                r -> assertThat(r.code()).isEqualTo(ErrorCode.E_NOGPU));
    }

    @Test
    void tooLittleFreeDiskFailsWithERunnerSoTheJobIsRetried() {
        assertThat(policy(true, Long.MAX_VALUE).refusal(job("j1"), ISOLATED, CPU_SLOT)).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.E_RUNNER);
            assertThat(r.message()).contains("MINER_WORKSPACE_MIN_FREE");
        });
    }

    @Test
    void aHostileJobIdIsRefusedBeforeAnything() {
        assertThat(policy(true, 1L << 20).refusal(job("../../etc"), ISOLATED, CPU_SLOT)).hasValueSatisfying(
                r -> assertThat(r.code()).isEqualTo(ErrorCode.E_BADJOB));
    }

    private ProcessPolicy policy(boolean allowUnisolated, long minFree) {
        SandboxConfig config = (SandboxConfig) Proxy.newProxyInstance(SandboxConfig.class.getClassLoader(),
                new Class<?>[] { SandboxConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "allowUnisolatedNetwork" -> allowUnisolated;
                    case "forceFallback" -> true;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Workspaces workspaces = new Workspaces(
                new TestWorkspaceConfig(dir, false, new MemorySize(BigInteger.valueOf(minFree))));
        return new ProcessPolicy(Sandbox.detect(true, 1024), config, CPU_NODE, workspaces);
    }

    private static Job job(String id) {
        return new Job(id, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                Instant.now().plusSeconds(60), 1);
    }
}
