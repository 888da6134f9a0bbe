package io.aitbc.miner.inference;

import io.aitbc.miner.job.ErrorCode;

/** A generation that failed, with the error code the job is failed with. The message never holds prompt text. */
public class InferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** A failure with its code and a message for operators and the client. */
    public InferenceException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code the job fails with. */
    public ErrorCode code() {
        return code;
    }
}
