package io.aitbc.miner.workspace;

import java.util.Optional;

/**
 * A file a job left under {@code out/}.
 *
 * @param name its path relative to {@code out/}
 * @param size its size in bytes
 * @param sha256 its SHA-256, hex
 * @param contentBase64 its content when small enough to inline
 */
public record Artifact(String name, long size, String sha256, Optional<String> contentBase64) {
}
