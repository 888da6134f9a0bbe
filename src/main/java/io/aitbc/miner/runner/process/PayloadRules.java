package io.aitbc.miner.runner.process;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.PayloadText;
import io.aitbc.miner.runner.sandbox.SandboxConfig;

/**
 * The shape of {@code cli} and {@code python} payloads: the named field is a string, {@code args} a list of strings
 * ({@code cli}) or any JSON ({@code python}), {@code stdin} a string, no other field; environment variables can never
 * be set by a job; stdin (or the Python args' JSON) is bounded by {@code MINER_STDIN_MAX_BYTES}.
 */
final class PayloadRules {

    private static final Set<String> ENVIRONMENT_KEYS = Set.of("env", "environment", "envs", "variables");

    private final long argMaxBytes;
    private final long stdinMaxBytes;

    PayloadRules(SandboxConfig config) {
        this.argMaxBytes = config.argMaxBytes().asLongValue();
        this.stdinMaxBytes = config.stdinMaxBytes().asLongValue();
    }

    long argMaxBytes() {
        return argMaxBytes;
    }

    /** Why the payload is refused, or empty. */
    Optional<Refusal> check(JsonNode payload, String nameField, List<String> allowed) {
        for (var names = payload.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (ENVIRONMENT_KEYS.contains(field)) {
                return deny("jobs cannot set environment variables");
            }
            if (!allowed.contains(field)) {
                return bad("unknown field '" + PayloadText.sanitise(field) + "'");
            }
        }
        if (!payload.path(nameField).isTextual()) {
            return bad("'" + nameField + "' must be a string");
        }
        if (payload.has("stdin") && !payload.get("stdin").isTextual()) {
            return bad("'stdin' must be a string");
        }
        if (nameField.equals("command") && payload.has("args")) {
            JsonNode args = payload.get("args");
            if (!args.isArray()) {
                return bad("'args' must be a list of strings");
            }
            for (JsonNode arg : args) {
                if (!arg.isTextual()) {
                    return bad("'args' must be a list of strings");
                }
            }
        }
        return Optional.empty();
    }

    /** Refuses stdin over {@code MINER_STDIN_MAX_BYTES}. */
    Optional<Refusal> checkStdin(byte[] stdin) {
        return stdin.length > stdinMaxBytes ? deny("stdin is larger than " + stdinMaxBytes + " bytes")
                : Optional.empty();
    }

    private static Optional<Refusal> bad(String message) {
        return Optional.of(new Refusal(ErrorCode.E_BADJOB, message));
    }

    private static Optional<Refusal> deny(String message) {
        return Optional.of(new Refusal(ErrorCode.E_DENY, message));
    }
}
