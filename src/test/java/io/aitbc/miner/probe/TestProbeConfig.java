package io.aitbc.miner.probe;

import java.nio.file.Path;
import java.time.Duration;

import io.aitbc.miner.workspace.TestWorkspaceConfig;
import io.aitbc.miner.workspace.WorkspaceConfig;

/** Configuration for tests that build the probe classes by hand. */
record TestProbeConfig(String path, Duration timeout) implements ProbeConfig {

    static TestProbeConfig of(Path executable) {
        return new TestProbeConfig(executable.toString(), Duration.ofSeconds(10));
    }

    static WorkspaceConfig workspace(Path dir) {
        return TestWorkspaceConfig.at(dir);
    }
}
