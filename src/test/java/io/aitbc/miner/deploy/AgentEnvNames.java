package io.aitbc.miner.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.aitbc.miner.config.MinerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The environment variables the agent reads: one per member of every {@code @ConfigMapping} interface among the
 * compiled main classes, named as SmallRye maps them ({@code miner.gpu} + {@code slotsPerDevice} →
 * {@code MINER_GPU_SLOTS_PER_DEVICE}; a {@code @WithParentName} member is the prefix itself).
 */
final class AgentEnvNames {

    private AgentEnvNames() {
    }

    /** Every env name the mappings define. */
    static Set<String> read() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : mappings()) {
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            members(type, prefix, names);
        }
        return names;
    }

    private static void members(Class<?> type, String prefix, Set<String> names) {
        for (Method member : type.getMethods()) {
            if (member.getParameterCount() > 0 || member.isDefault() || member.getDeclaringClass() == Object.class) {
                continue;
            }
            String property = member.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(member);
            if (member.getReturnType().isInterface() && member.getReturnType().getName().startsWith("io.aitbc.")) {
                members(member.getReturnType(), property, names);
            } else {
                names.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            }
        }
    }

    private static String name(Method member) {
        WithName explicit = member.getAnnotation(WithName.class);
        return explicit != null ? explicit.value()
                : member.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Set<Class<?>> mappings() throws IOException {
        Path classes = classesRoot();
        Set<Class<?>> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = load(name);
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    private static Path classesRoot() {
        try {
            return Path.of(MinerConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AgentEnvNames.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
    }
}
