package io.aitbc.miner.allowlist;

/**
 * Something wrong in an allowlist file, for logs and readiness data.
 *
 * @param file the file's name in the allowlist directory
 * @param line the 1-based line, 0 when the whole file is concerned
 * @param message what is wrong
 * @param fileIgnored whether the whole file was ignored (else only one entry)
 */
public record AllowlistProblem(String file, int line, String message, boolean fileIgnored) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message + (fileIgnored ? " (file ignored)" : " (entry ignored)");
    }
}
