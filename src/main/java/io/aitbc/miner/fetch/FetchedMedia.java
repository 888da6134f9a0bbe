package io.aitbc.miner.fetch;

import java.nio.file.Path;

/**
 * A media file fetched into a job's workspace.
 *
 * @param file where it is
 * @param bytes its size
 * @param elapsedNanos how long the fetch took, redirects included (never billed)
 */
public record FetchedMedia(Path file, long bytes, long elapsedNanos) {
}
