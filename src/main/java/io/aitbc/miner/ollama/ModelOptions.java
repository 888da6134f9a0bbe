package io.aitbc.miner.ollama;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aitbc.miner.inference.GenerationRequest;

/**
 * The allocation options of each model, from {@code MINER_OLLAMA_MODEL_OPTIONS} (decisions D41). Ollama reloads a
 * model whenever these change, so they come from the operator only, the same on every request.
 */
public final class ModelOptions {

    private final Map<String, ObjectNode> byModel;

    private ModelOptions(Map<String, ObjectNode> byModel) {
        this.byModel = byModel;
    }

    /**
     * Parses the YAML mapping from model names to options.
     *
     * @throws IllegalArgumentException saying what is wrong (never echoing the text)
     */
    public static ModelOptions parse(Optional<String> yaml) {
        if (yaml.isEmpty() || yaml.get().isBlank()) {
            return new ModelOptions(Map.of());
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.get());
        } catch (YAMLException e) {
            throw new IllegalArgumentException("is not YAML (quote model names: {\"llama3.2:3b\": {num_ctx: 8192}})");
        }
        if (!(root instanceof Map<?, ?> models)) {
            throw new IllegalArgumentException("must be a mapping from model names to options");
        }
        Map<String, ObjectNode> byModel = new HashMap<>();
        models.forEach((model, options) -> byModel.put(ModelNames.canonical(String.valueOf(model)),
                options(String.valueOf(model), options)));
        return new ModelOptions(Map.copyOf(byModel));
    }

    /** The options of {@code model} (either name form), empty when none are configured; a fresh copy. */
    public ObjectNode forModel(String model) {
        ObjectNode options = byModel.get(ModelNames.canonical(model));
        return options == null ? JsonNodeFactory.instance.objectNode() : options.deepCopy();
    }

    /** The configured context size of {@code model}, if any. */
    public OptionalInt numCtx(String model) {
        ObjectNode options = byModel.get(ModelNames.canonical(model));
        return options != null && options.has("num_ctx") ? OptionalInt.of(options.get("num_ctx").asInt())
                : OptionalInt.empty();
    }

    private static ObjectNode options(String model, Object value) {
        if (!(value instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("the options of " + model + " must be a mapping");
        }
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        entries.forEach((key, option) -> {
            String name = String.valueOf(key);
            if (!GenerationRequest.ALLOCATION_OPTIONS.contains(name)) {
                throw new IllegalArgumentException(model + ": unknown option " + name + " (allowed: num_ctx, num_gpu,"
                        + " use_mlock, num_thread)");
            }
            if (name.equals("use_mlock") && option instanceof Boolean flag) {
                options.put(name, flag);
            } else if (!name.equals("use_mlock") && option instanceof Integer number && number >= 0) {
                options.put(name, number);
            } else {
                throw new IllegalArgumentException(model + ": " + name
                        + (name.equals("use_mlock") ? " must be true or false" : " must be a whole number >= 0"));
            }
        });
        if (options.has("num_ctx") && options.get("num_ctx").asInt() < 1) {
            throw new IllegalArgumentException(model + ": num_ctx must be at least 1");
        }
        return options;
    }
}
