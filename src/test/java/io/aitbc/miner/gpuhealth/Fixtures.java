package io.aitbc.miner.gpuhealth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Recorded kernel-log lines ({@code src/test/resources/kmsg/}) and {@code nvidia-smi} outputs. */
final class Fixtures {

    /** The two GPUs of the fake node, as {@code pipeline/TwoGpuProbe} has them: PCI 01:00 and 41:00. */
    static final String SMALL = "GPU-00000000-0000-0000-0000-000000000024";
    static final String LARGE = "GPU-00000000-0000-0000-0000-000000000048";

    private Fixtures() {
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> kmsg(String name) {
        return text("/kmsg/" + name).lines().toList();
    }

    static String smi(String name) {
        return text("/nvidia-smi/" + name);
    }
}
