/**
 * The shared vocabulary of the pipeline: jobs, outcomes, error codes, slot kinds, states and channel names. No behaviour
 * lives here.
 */
package io.aitbc.miner.job;
