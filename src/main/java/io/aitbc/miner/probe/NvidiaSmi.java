package io.aitbc.miner.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.probe.NvidiaSmiParser.QueriedGpu;
import io.aitbc.miner.process.Command;
import io.aitbc.miner.process.Exec;
import io.aitbc.miner.process.Exited;
import io.quarkus.logging.Log;

/**
 * Runs {@code nvidia-smi} (decisions D29): the CSV query, the compute capability query (the GPU architecture),
 * {@code -q} for the CUDA version and, when a GPU has MIG enabled, {@code -L} for its instances. Each call is started from an
 * argv array (no shell) with the agent's process
 * helper and killed after {@link ProbeConfig#timeout()}. Any failure (no executable, exit status 9 without a driver, a timeout,
 * output that
 * does not parse) means no GPUs, with the reason kept in the {@link GpuScan}.
 */
@ApplicationScoped
public class NvidiaSmi {

    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_REASON = 200;

    private final ProbeConfig config;

    /** @param config where {@code nvidia-smi} is and how long a call may take */
    public NvidiaSmi(ProbeConfig config) {
        this.config = config;
    }

    /** Runs {@code nvidia-smi} and reads what it reports. Blocks up to four timeouts; never throws. */
    public GpuScan scan() {
        Optional<Path> exe = locate(config.path(), Optional.ofNullable(System.getenv("PATH")).orElse(""));
        if (exe.isEmpty()) {
            String reason = "nvidia-smi not found: '" + config.path() + "' (MINER_NVIDIA_SMI_PATH)";
            Log.infof("%s; no GPUs", reason);
            return GpuScan.none(reason);
        }
        try {
            List<QueriedGpu> gpus = NvidiaSmiParser.parseQuery(run(exe.get(), NvidiaSmiParser.QUERY_ARGS));
            if (gpus.isEmpty()) {
                Log.info("nvidia-smi listed no GPUs");
                return GpuScan.none("nvidia-smi listed no GPUs");
            }
            Map<Integer, String> caps = computeCaps(exe.get());
            GpuScan scan = withMigInstances(exe.get(), gpus, cuda(exe.get()));
            return new GpuScan(scan.gpus().stream()
                    .map(gpu -> gpu.withComputeCap(Optional.ofNullable(caps.get(gpu.index())))).toList(), scan.cuda(),
                    scan.problem());
        } catch (CommandFailed | NvidiaSmiParseException e) {
            Log.warnf("No GPUs: %s", e.getMessage());
            return GpuScan.none(e.getMessage());
        }
    }

    /** Where the executable is: a name is looked up on {@code searchPath}, anything with a slash used as is. */
    public static Optional<Path> locate(String configured, String searchPath) {
        try {
            if (configured.contains("/")) {
                return Optional.of(Path.of(configured)).filter(NvidiaSmi::isExecutableFile);
            }
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isEmpty() && !configured.isBlank() && isExecutableFile(Path.of(dir, configured))) {
                    return Optional.of(Path.of(dir, configured));
                }
            }
        } catch (InvalidPathException e) {
            Log.debugf("Bad nvidia-smi path '%s': %s", configured, e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Runs {@code nvidia-smi} with {@code args} (a query of its own, e.g. the job usage sampler's); empty, logged at
     * debug, when it is missing or fails. Blocks up to one timeout.
     */
    public Optional<String> query(List<String> args) {
        Optional<Path> exe = locate(config.path(), Optional.ofNullable(System.getenv("PATH")).orElse(""));
        try {
            return exe.isEmpty() ? Optional.empty() : Optional.of(run(exe.get(), args));
        } catch (CommandFailed e) {
            Log.debugf("nvidia-smi query failed: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Compute capabilities by GPU index; none (architecture unknown) on a driver that cannot report them. */
    private Map<Integer, String> computeCaps(Path exe) {
        try {
            return NvidiaSmiParser.parseComputeCaps(run(exe, NvidiaSmiParser.CAPS_ARGS));
        } catch (CommandFailed e) {
            Log.infof("GPU compute capability unknown (architecture 'unknown'): %s", e.getMessage());
            return Map.of();
        }
    }

    private Optional<String> cuda(Path exe) {
        try {
            return NvidiaSmiParser.parseCudaVersion(run(exe, List.of("-q")));
        } catch (CommandFailed e) {
            Log.warnf("CUDA version unknown: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private GpuScan withMigInstances(Path exe, List<QueriedGpu> gpus, Optional<String> cuda) {
        if (gpus.stream().noneMatch(QueriedGpu::migEnabled)) {
            return new GpuScan(NvidiaSmiParser.expandMig(gpus, Map.of()), cuda, Optional.empty());
        }
        Map<String, List<GpuDevice>> migByParent;
        Optional<String> problem;
        try {
            migByParent = NvidiaSmiParser.parseMigList(run(exe, List.of("-L")));
            problem = migWithoutInstances(gpus, migByParent);
        } catch (CommandFailed e) {
            migByParent = Map.of();
            problem = Optional.of("MIG instances unknown: " + e.getMessage());
        }
        problem.ifPresent(p -> Log.warnf("GPU inventory incomplete: %s", p));
        return new GpuScan(NvidiaSmiParser.expandMig(gpus, migByParent), cuda, problem);
    }

    private static Optional<String> migWithoutInstances(List<QueriedGpu> gpus,
            Map<String, List<GpuDevice>> migByParent) {
        return gpus.stream().filter(QueriedGpu::migEnabled).map(gpu -> gpu.device().uuid())
                .filter(uuid -> migByParent.getOrDefault(uuid, List.of()).isEmpty()).findFirst()
                .map(uuid -> uuid + " has MIG enabled but no MIG instances");
    }

    private String run(Path exe, List<String> args) throws CommandFailed {
        List<String> argv = new ArrayList<>();
        argv.add(exe.toString());
        argv.addAll(args);
        String what = "nvidia-smi " + args.getFirst().split("=", 2)[0];
        Exited run;
        try {
            run = Exec.run(Command.of(argv, config.timeout()).withOutputMax(MAX_OUTPUT_BYTES));
        } catch (IOException e) {
            throw new CommandFailed(what + " could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed(what + " interrupted");
        }
        if (run.timedOut()) {
            throw new CommandFailed(what + " timed out after " + config.timeout().toMillis() + " ms");
        }
        if (run.exitCode() != 0) {
            String said = firstLine(run.stdout().text()).or(() -> firstLine(run.stderr().text())).orElse("no output");
            throw new CommandFailed(what + " exited with status " + run.exitCode() + ": " + said);
        }
        if (run.stdout().cut()) {
            throw new CommandFailed(what + " printed more than " + MAX_OUTPUT_BYTES + " bytes");
        }
        return run.stdout().text();
    }

    private static Optional<String> firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> l.length() > MAX_REASON ? l.substring(0, MAX_REASON) + "…" : l);
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /** A call that did not give usable output; the message says why, for the logs and readiness data. */
    private static final class CommandFailed extends Exception {

        private static final long serialVersionUID = 1L;

        CommandFailed(String message) {
            super(message);
        }
    }
}
