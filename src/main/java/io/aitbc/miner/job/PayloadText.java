package io.aitbc.miner.job;

/** How words taken from a payload (a type, a field, a command or module name) may appear in a message or a log. */
public final class PayloadText {

    private static final int SHOWN_MAX = 40;

    private PayloadText() {
    }

    /** The word as it may be shown: printable word characters only ({@code ?} for the rest), cut to a bounded length. */
    public static String sanitise(String word) {
        String shown = word.length() <= SHOWN_MAX ? word : word.substring(0, SHOWN_MAX) + "...";
        return shown.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}
