package io.aitbc.miner.config;

/**
 * A {@code @ConfigMapping} whose values have ranges. Its {@link #check} runs when the configuration is built, before any
 * bean exists, so a value out of range stops the agent at start-up with exit status 2 and one line naming the variable,
 * never at the first job that needs it (docs/decisions/D23).
 */
public interface CheckedConfig {

    /** Every value out of its range (empty when all are fine), as a default method so the mapping keeps its rules. */
    ConfigProblems problems();
}
