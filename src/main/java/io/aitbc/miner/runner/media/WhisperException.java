package io.aitbc.miner.runner.media;

import io.aitbc.miner.job.ErrorCode;

/** A transcription that failed: {@code E_RUNNER} (unreachable, 5xx, timeout; retried) or {@code E_BADJOB} (4xx). */
class WhisperException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    WhisperException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
