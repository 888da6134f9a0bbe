package io.aitbc.miner.ollama;

import io.aitbc.miner.job.ErrorCode;

/** A generation that failed, with the error code the job is failed with. The message never holds prompt text. */
public class OllamaException extends Exception {

    private final ErrorCode code;

    /** A failure with its code and a message for operators and the client. */
    public OllamaException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code the job fails with. */
    public ErrorCode code() {
        return code;
    }
}
