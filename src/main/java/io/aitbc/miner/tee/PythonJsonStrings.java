package io.aitbc.miner.tee;

/**
 * JSON strings exactly as Python's {@code json.dumps} writes them, for the two byte-exact texts the agent shares with
 * the coordinator's Python code: the TEE quote envelope and the canonical receipt (D21, D42).
 */
public final class PythonJsonStrings {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJsonStrings() {
    }

    /**
     * Writes a string as Python's {@code json.dumps} does: quotes, backslashes and the short escapes, other control
     * characters as six-character escapes (lowercase hex), and with {@code asciiOnly} (Python's
     * {@code ensure_ascii=True}) everything outside {@code ' '..'~'} too, so surrogate pairs become two escapes.
     */
    public static void write(String s, StringBuilder out, boolean asciiOnly) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
