package io.aitbc.miner.gpuhealth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.aitbc.miner.probe.GpuDevice;
import io.aitbc.miner.probe.ProbeConfig;

/**
 * A fake two-GPU node for the health checks: an {@code nvidia-smi} script that answers the health query and the
 * compute-apps query from files the test rewrites (and hangs while a {@code hang} file exists), and a kernel log file
 * the test appends recorded lines to.
 */
final class FakeGpuNode {

    private static final String SCRIPT = """
            #!/bin/sh
            here=$(dirname "$0")
            case "$1" in
              --query-gpu=pci.bus_id*) [ -f "$here/hang" ] && exec sleep 30; cat "$here/health.out" ;;
              --query-compute-apps=*) cat "$here/apps.out" ;;
              *) echo "unexpected arguments: $*" >&2; exit 2 ;;
            esac
            """;

    /** The GPUs as {@code pipeline/TwoGpuProbe} has them. */
    static final List<GpuDevice> GPUS = List.of(new GpuDevice(0, Fixtures.SMALL, "NVIDIA L4", 24 * 1024, 24 * 1024, 0,
            false), new GpuDevice(1, Fixtures.LARGE, "NVIDIA L40S", 48 * 1024, 48 * 1024, 0, false));

    private final Path dir;

    /** The script's configuration: a timeout short enough that a hang is found quickly, long enough for a loaded CI. */
    record SmiConfig(String path, Duration timeout) implements ProbeConfig {
    }

    private FakeGpuNode(Path dir, boolean install) throws IOException {
        this.dir = dir;
        if (install) {
            install();
        }
    }

    /** A node set up in {@code dir}: the healthy recorded outputs, no compute process, an empty kernel log. */
    FakeGpuNode(Path dir) throws IOException {
        this(dir, true);
    }

    /** The node another class loader already set up in {@code dir}. */
    static FakeGpuNode existing(Path dir) throws IOException {
        return new FakeGpuNode(dir, false);
    }

    private void install() throws IOException {
        health("health-two-gpus.csv");
        apps("");
        Files.writeString(kmsg(), "");
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    ProbeConfig smiConfig() {
        return new SmiConfig(dir.resolve("nvidia-smi").toString(), Duration.ofSeconds(2));
    }

    Path kmsg() {
        return dir.resolve("kmsg.log");
    }

    /** The health query answers with a recorded output. */
    FakeGpuNode health(String fixture) throws IOException {
        return healthCsv(Fixtures.smi(fixture));
    }

    FakeGpuNode healthCsv(String csv) throws IOException {
        return replace("health.out", csv);
    }

    FakeGpuNode apps(String csv) throws IOException {
        return replace("apps.out", csv);
    }

    /** Replaces what the script prints at once: a call never reads a file half written. */
    private FakeGpuNode replace(String name, String content) throws IOException {
        Path next = dir.resolve(name + ".next");
        Files.writeString(next, content);
        Files.move(next, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return this;
    }

    FakeGpuNode hang(boolean hang) throws IOException {
        if (hang) {
            Files.writeString(dir.resolve("hang"), "");
        } else {
            Files.deleteIfExists(dir.resolve("hang"));
        }
        return this;
    }

    /** Appends recorded kernel-log lines, as the kernel would. */
    void log(List<String> lines) throws IOException {
        Files.write(kmsg(), lines, StandardOpenOption.APPEND);
    }
}
