package io.aitbc.miner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret read from a file (a mounted Kubernetes secret), once, at start-up (decisions D23): one trailing newline is
 * stripped, and a file that cannot be read or is empty stops the agent with a message naming the variable, never the
 * secret.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * Reads the secret in {@code file}.
     *
     * @param envName the variable that named the file, for the error message
     * @throws InvalidConfigException when the file cannot be read or holds nothing
     */
    public static String read(Path file, String envName) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(envName, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (secret.endsWith("\n")) {
            secret = secret.substring(0, secret.length() - (secret.endsWith("\r\n") ? 2 : 1));
        }
        if (secret.isBlank()) {
            throw new InvalidConfigException(envName, file + " is empty");
        }
        return secret;
    }
}
