/**
 * The shared vocabulary of the pipeline: jobs, outcomes, error codes, slot kinds, states, channel names, the runner
 * contract and the pipeline's events (facts, in the past tense), plus the parsers of the words they share (a payload's
 * type, its VRAM constraint). No other behaviour lives here.
 */
package io.aitbc.miner.job;
