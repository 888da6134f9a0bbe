package io.aitbc.miner.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * The range problems of one configuration mapping, each named by its property ({@code miner.retry.max-attempts}), which
 * the agent's exit handler turns into the environment variable to fix. Messages never repeat the value given, so a
 * secret put in the wrong variable is never printed.
 */
public final class ConfigProblems {

    private static final MemorySizeConverter SIZES = new MemorySizeConverter();

    private final List<String> problems = new ArrayList<>();

    /** Records a problem unless {@code ok}: {@code property} is the property name, {@code detail} what is wrong. */
    public ConfigProblems require(boolean ok, String property, String detail) {
        if (!ok) {
            problems.add(property + ": " + detail);
        }
        return this;
    }

    /** {@code value} must be at least {@code min}. */
    public ConfigProblems atLeast(String property, long value, long min) {
        return require(value >= min, property, "must be at least " + min);
    }

    /** {@code value}, when set, must be at least {@code min}. */
    public ConfigProblems atLeast(String property, Optional<Integer> value, int min) {
        return value.map(v -> atLeast(property, v, min)).orElse(this);
    }

    /** {@code value} must be longer than zero. */
    public ConfigProblems positive(String property, Duration value) {
        return require(value.isPositive(), property, "must be positive");
    }

    /** {@code value} must not be negative. */
    public ConfigProblems notNegative(String property, Duration value) {
        return require(!value.isNegative(), property, "must not be negative");
    }

    /** {@code value} must lie within {@code min} and {@code max} (both included); the bounds are named as written. */
    public ConfigProblems between(String property, MemorySize value, String min, String max) {
        long bytes = value.asLongValue();
        boolean ok = bytes >= bytes(min) && bytes <= bytes(max);
        return require(ok, property, "must be between " + min + " and " + max);
    }

    /** {@code value} must be at least {@code min} bytes, named as written. */
    public ConfigProblems atLeast(String property, MemorySize value, String min) {
        return require(value.asLongValue() >= bytes(min), property, "must be at least " + min);
    }

    /** {@code value}, when set and not blank, must be an {@code http} or {@code https} URL with a host. */
    public ConfigProblems httpUrl(String property, Optional<String> value) {
        return value.filter(v -> !v.isBlank()).map(v -> require(isHttpUrl(v.strip()), property,
                "must be an http(s) URL with a host")).orElse(this);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static long bytes(String size) {
        return SIZES.convert(size).asLongValue();
    }

    /** The problems found, in the order they were checked. */
    public List<String> list() {
        return List.copyOf(problems);
    }
}
