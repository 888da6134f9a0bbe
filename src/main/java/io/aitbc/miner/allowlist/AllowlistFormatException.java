package io.aitbc.miner.allowlist;

/** A malformed allowlist file or entry, with the line it was found on. */
class AllowlistFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    AllowlistFormatException(int line, String message) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}
