package io.aitbc.miner.queue;

/** Redis did not answer or refused a command: the caller keeps what it holds and tries again. */
public class QueueUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    QueueUnavailableException(String what, Throwable cause) {
        super("Redis unavailable while trying to " + what + ": " + cause.getMessage(), cause);
    }
}
