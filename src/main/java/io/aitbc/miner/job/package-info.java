/**
 * The shared vocabulary of the pipeline: jobs, outcomes, error codes, slot kinds, states, channel names, and the CDI
 * events the stages publish (facts, in the past tense), which higher layers observe instead of being called by lower
 * ones. No behaviour lives here.
 */
package io.aitbc.miner.job;
