package io.aitbc.miner.ollama;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ollama model names as the agent compares them (decisions D14): a name without a tag means {@code <name>:latest}, so
 * {@code llama3} and {@code llama3:latest} are the same model.
 */
public final class ModelNames {

    private static final String LATEST = ":latest";

    private ModelNames() {
    }

    /** The tagged form of a name: {@code llama3} becomes {@code llama3:latest}; a tagged name is kept. */
    public static String canonical(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") ? name : name + LATEST;
    }

    /** Whether two names denote the same model once untagged names read as {@code :latest}. */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /**
     * The names as the capability document lists them: each name as given, plus its other form when it is a
     * {@code :latest} model ({@code llama3:latest} adds {@code llama3} and the reverse), in order, without duplicates.
     */
    public static List<String> withBothForms(Collection<String> names) {
        Set<String> forms = new LinkedHashSet<>();
        for (String name : names) {
            String canonical = canonical(name);
            forms.add(name);
            forms.add(canonical);
            if (canonical.endsWith(LATEST)) {
                forms.add(canonical.substring(0, canonical.length() - LATEST.length()));
            }
        }
        return List.copyOf(forms);
    }
}
