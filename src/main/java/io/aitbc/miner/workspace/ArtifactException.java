package io.aitbc.miner.workspace;

/** A job left something under {@code out/} that is not returned: a symbolic link or special file (E_DENY). */
public class ArtifactException extends Exception {

    private static final long serialVersionUID = 1L;

    public ArtifactException(String message) {
        super(message);
    }
}
