package io.aitbc.miner.process;

/**
 * What a job wrote on one stream, cut to the configured size with the cut marked in the text.
 *
 * @param text the kept bytes as UTF-8 (stdout keeps its head, stderr its tail), with the mark when cut
 * @param totalBytes how many bytes the job wrote
 * @param cut whether bytes were dropped
 */
public record Captured(String text, long totalBytes, boolean cut) {
}
