package io.aitbc.miner.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.config.ConfigProblems;
import io.aitbc.miner.gpuhealth.GpuState;
import io.aitbc.miner.gpuhealth.GpuStatus;
import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.NvidiaSmi;
import io.aitbc.miner.probe.ProbeConfig;

/**
 * The console's GPU view: figures from a fresh scan; health from the GPU's health machine, or for a device the machines
 * do not watch from whether the scan saw it. Plain JUnit.
 */
class ConsoleGpusTest {

    private static final String UUID = "GPU-5a8c3f2e-8d4b-6b1e-9c7a-2f0e1d3b4a59";
    private static final GpuDevice PROBED = new GpuDevice(0, UUID, "NVIDIA GeForce RTX 4090", 24564, 24000, 0, false);

    @TempDir
    Path dir;

    @Test
    void aDeviceTheScanSeesIsOkWithTheScansMemory() throws IOException {
        ConsoleGpus health = new ConsoleGpus(new NvidiaSmi(config(
                "0, " + UUID + ", NVIDIA GeForce RTX 4090, 24564, 1234, 97, [N/A]", 0)), List::of);

        assertThat(health.describe(PROBED)).containsEntry("health", "ok").containsEntry("memory_free_mb", 1234L)
                .containsEntry("utilization_percent", 97).containsEntry("name", "NVIDIA GeForce RTX 4090");
        assertThat(health.describe(new GpuDevice(1, "GPU-gone", "NVIDIA L4", 23034, 23000, 0, false)))
                .containsEntry("health", "missing").containsEntry("health_reason", "not in the last nvidia-smi scan")
                .containsEntry("memory_free_mb", 23000L);
    }

    @Test
    void aFailedScanMarksEveryDeviceMissingWithItsReason() throws IOException {
        ConsoleGpus health = new ConsoleGpus(new NvidiaSmi(config("echo 'NVIDIA-SMI has failed' >&2", 9)), List::of);

        assertThat(health.describe(PROBED)).containsEntry("health", "missing")
                .hasEntrySatisfying("health_reason", reason -> assertThat(reason.toString()).isNotBlank());
    }

    @Test
    void aWatchedDeviceShowsItsHealthMachinesStateReasonAndSince() throws IOException {
        Instant since = Instant.parse("2026-12-02T06:00:00Z");
        GpuStatus quarantined = new GpuStatus(new GpuStatus.Device(0, UUID), GpuState.QUARANTINED,
                "XID 79: fell off the bus", since, 1, Optional.empty());
        ConsoleGpus health = new ConsoleGpus(new NvidiaSmi(config(
                "0, " + UUID + ", NVIDIA GeForce RTX 4090, 24564, 1234, 97, [N/A]", 0)), () -> List.of(quarantined));

        assertThat(health.describe(PROBED)).containsEntry("health", "quarantined")
                .containsEntry("health_reason", "XID 79: fell off the bus")
                .containsEntry("health_since", "2026-12-02T06:00:00Z").containsEntry("takes_jobs", false)
                .containsEntry("memory_free_mb", 1234L);
    }

    private ProbeConfig config(String query, int status) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        String print = query.startsWith("echo") ? query : "echo '" + query + "'";
        Files.writeString(script, "#!/bin/sh\ncase \"$1\" in --query-gpu=*) " + print + " ;; esac\nexit " + status + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ProbeConfig() {
            @Override
            public String path() {
                return script.toString();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public ConfigProblems problems() {
                return new ConfigProblems();
            }
        };
    }
}
