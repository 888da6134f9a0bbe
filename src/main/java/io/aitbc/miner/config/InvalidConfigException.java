package io.aitbc.miner.config;

/**
 * A configuration value the agent cannot start with. The message has the form {@code <ENV_NAME>: <what is wrong>}
 * (decisions D23), never contains a secret's value, and the process exits with status 2.
 */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param envName the environment variable the operator must fix; {@code detail} says what is wrong with it */
    public InvalidConfigException(String envName, String detail) {
        super(envName + ": " + detail);
    }
}
