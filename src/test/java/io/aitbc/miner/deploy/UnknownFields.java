package io.aitbc.miner.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields that no Kubernetes schema defines. fabric8 keeps them silently in each object's
 * {@code additionalProperties} (a misspelt {@code imagePullPolcy} applies fine and does nothing), so this walks the
 * whole object graph and reports every non-empty one with its path (D32).
 */
final class UnknownFields {

    private final List<String> found = new ArrayList<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private UnknownFields() {
    }

    /** {@code path.field} for every unknown field under {@code root}; empty when every field is known. */
    static List<String> in(Object root, String path) {
        UnknownFields walker = new UnknownFields();
        walker.walk(root, path);
        return walker.found;
    }

    private void walk(Object value, String path) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key));
        } else if (value != null && isModel(value.getClass()) && seen.add(value)) {
            fields(value, path);
        }
    }

    private void fields(Object model, String path) {
        for (Class<?> type = model.getClass(); isModel(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, model);
                if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(name -> found.add(path + "." + name));
                } else {
                    walk(value, path + "." + field.getName());
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type != null && type.getName().startsWith("io.fabric8.kubernetes.api.model.");
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
