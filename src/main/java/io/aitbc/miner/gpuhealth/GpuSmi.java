package io.aitbc.miner.gpuhealth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.aitbc.miner.probe.NvidiaSmi;
import io.aitbc.miner.probe.ProbeConfig;
import io.aitbc.miner.process.Command;
import io.aitbc.miner.process.Exec;
import io.aitbc.miner.process.Exited;

/**
 * The {@code nvidia-smi} queries of the health checks (D44), each from an argv array with the agent's process helper
 * and killed after {@code MINER_NVIDIA_SMI_TIMEOUT}: a call that hangs is a finding, not a wait.
 */
@ApplicationScoped
class GpuSmi {

    private final ProbeConfig config;
    private volatile boolean basicOnly;

    GpuSmi(ProbeConfig config) {
        this.config = config;
    }

    /** Whether there is an {@code nvidia-smi} to ask at all. */
    boolean present() {
        return executable().isPresent();
    }

    List<GpuSignals> signals() throws SmiFailed {
        if (!basicOnly) {
            try {
                return SmiOutput.signals(call(SmiOutput.SIGNALS));
            } catch (SmiFailed e) {
                if (!e.getMessage().contains("valid field")) {
                    throw e;
                }
                basicOnly = true;
            }
        }
        return SmiOutput.signals(call(SmiOutput.BASIC_SIGNALS));
    }

    List<ComputeApp> apps() throws SmiFailed {
        return SmiOutput.apps(call(SmiOutput.APPS));
    }

    private Optional<Path> executable() {
        return NvidiaSmi.locate(config.path(), Optional.ofNullable(System.getenv("PATH")).orElse(""));
    }

    private String call(List<String> args) throws SmiFailed {
        Path exe = executable().orElseThrow(() -> new SmiFailed("nvidia-smi not found"));
        List<String> argv = new ArrayList<>();
        argv.add(exe.toString());
        argv.addAll(args);
        Exited run;
        try {
            run = Exec.run(Command.of(argv, config.timeout()));
        } catch (IOException e) {
            throw new SmiFailed("nvidia-smi could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmiFailed("nvidia-smi interrupted");
        }
        if (run.timedOut()) {
            throw new SmiFailed("nvidia-smi hung past " + config.timeout().toMillis() + " ms (MINER_NVIDIA_SMI_TIMEOUT)");
        }
        if (run.exitCode() != 0) {
            String said = (run.stdout().text() + " " + run.stderr().text()).strip();
            throw new SmiFailed("nvidia-smi exited with status " + run.exitCode() + ": "
                    + (said.length() > 200 ? said.substring(0, 200) : said));
        }
        return run.stdout().text();
    }

    /** A query that gave no usable answer; the message says why. */
    static final class SmiFailed extends Exception {

        private static final long serialVersionUID = 1L;

        SmiFailed(String message) {
            super(message);
        }
    }
}
