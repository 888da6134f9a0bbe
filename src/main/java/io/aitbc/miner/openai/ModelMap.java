package io.aitbc.miner.openai;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code MINER_MODEL_MAP} (decisions D40): coordinator model names to the names the server serves. A name without a
 * pair is sent as it is, and only served when the server lists it; nothing is ever substituted.
 */
public final class ModelMap {

    private final Map<String, String> served;

    private ModelMap(Map<String, String> served) {
        this.served = served;
    }

    /**
     * Parses {@code name=served,name=served}.
     *
     * @throws IllegalArgumentException saying which pair is wrong
     */
    public static ModelMap parse(Optional<String> text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? "" : pair.substring(0, equals).strip();
            String target = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (name.isEmpty() || target.isEmpty()) {
                throw new IllegalArgumentException("each entry must be name=served, comma-separated");
            }
            if (pairs.put(name, target) != null) {
                throw new IllegalArgumentException("maps " + name + " twice");
            }
        }
        return new ModelMap(Map.copyOf(pairs));
    }

    /** The name the server serves {@code model} under: its mapping, or the name itself. */
    public String served(String model) {
        return served.getOrDefault(model, model);
    }

    /** Whether {@code model} has a mapping. */
    public boolean mapped(String model) {
        return served.containsKey(model);
    }

    /** The names a job may use for the {@code listed} models: each listed name, plus every name mapped to one. */
    public List<String> names(Collection<String> listed) {
        Set<String> names = new LinkedHashSet<>(listed);
        served.forEach((name, target) -> {
            if (listed.contains(target)) {
                names.add(name);
            }
        });
        return List.copyOf(names);
    }
}
