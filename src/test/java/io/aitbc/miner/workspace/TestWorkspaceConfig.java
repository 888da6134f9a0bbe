package io.aitbc.miner.workspace;

import java.math.BigInteger;
import java.nio.file.Path;

import io.quarkus.runtime.configuration.MemorySize;

/** Workspace settings for tests that build workspaces by hand. */
public record TestWorkspaceConfig(Path dir, boolean keepFailed, MemorySize minFree) implements WorkspaceConfig {

    /** Workspaces under {@code dir}, failed ones removed, no free-space floor. */
    public static TestWorkspaceConfig at(Path dir) {
        return new TestWorkspaceConfig(dir, false, new MemorySize(BigInteger.ZERO));
    }
}
