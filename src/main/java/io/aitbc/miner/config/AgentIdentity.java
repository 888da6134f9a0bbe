package io.aitbc.miner.config;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The miner's resolved identity: its id and API key, read once and checked (decisions D5, D23). Construction fails
 * with {@link InvalidConfigException} naming the variable to fix; the key's value never appears in a message.
 */
@Startup
@ApplicationScoped
public class AgentIdentity {

    static final Pattern MINER_ID = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    private final String minerId;
    private final String apiKey;

    AgentIdentity(MinerConfig config) {
        this.minerId = resolveMinerId(config.id());
        this.apiKey = resolveApiKey(config);
        Log.infof("Miner %s", minerId);
    }

    /** The id sent as {@code X-Miner-ID} and used in the Redis prefix. */
    public String minerId() {
        return minerId;
    }

    /** The key sent as {@code X-Api-Key}. Never log it. */
    public String apiKey() {
        return apiKey;
    }

    private static String resolveMinerId(Optional<String> configured) {
        String id = configured.map(String::trim).orElseGet(AgentIdentity::hostName);
        if (!MINER_ID.matcher(id).matches()) {
            throw new InvalidConfigException("MINER_ID", "must match [A-Za-z0-9._-]{1,63}, got '" + printable(id) + "'");
        }
        return id;
    }

    private static String resolveApiKey(MinerConfig config) {
        Optional<String> direct = config.apiKey().filter(k -> !k.isBlank());
        if (direct.isPresent() && config.apiKeyFile().isPresent()) {
            throw new InvalidConfigException("MINER_API_KEY_FILE", "set either MINER_API_KEY or MINER_API_KEY_FILE, not both");
        }
        if (config.apiKeyFile().isPresent()) {
            return SecretFile.read(config.apiKeyFile().orElseThrow(), "MINER_API_KEY_FILE");
        }
        return direct.orElseThrow(() -> new InvalidConfigException("MINER_API_KEY",
                "missing: set MINER_API_KEY or MINER_API_KEY_FILE (or the legacy MINER_AUTH_TOKEN)"));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new InvalidConfigException("MINER_ID", "not set and the host name cannot be read");
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
