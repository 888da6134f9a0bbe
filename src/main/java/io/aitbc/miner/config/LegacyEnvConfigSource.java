package io.aitbc.miner.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Accepts the existing AITBC miner's env file (decisions D23): {@code COORDINATOR_URL} (server root; {@code /v1} is
 * appended unless it ends with {@code /v1} or {@code /api}) when {@code MINER_COORDINATOR_URL} is unset, and
 * {@code MINER_AUTH_TOKEN} as the key when neither {@code MINER_API_KEY} nor {@code MINER_API_KEY_FILE} is set. Its
 * ordinal sits below real environment variables and above configuration files.
 */
public class LegacyEnvConfigSource implements ConfigSource {

    static final int ORDINAL = 290;
    static final String URL_PROPERTY = "miner.coordinator.url";
    static final String KEY_PROPERTY = "miner.api-key";

    private final Map<String, String> values;

    /** Reads the process environment. */
    public LegacyEnvConfigSource() {
        this(System::getenv);
    }

    LegacyEnvConfigSource(UnaryOperator<String> env) {
        this.values = new HashMap<>();
        String url = env.apply("COORDINATOR_URL");
        if (url != null && !url.isBlank() && env.apply("MINER_COORDINATOR_URL") == null) {
            values.put(URL_PROPERTY, apiBase(url.trim()));
        }
        String token = env.apply("MINER_AUTH_TOKEN");
        if (token != null && env.apply("MINER_API_KEY") == null && env.apply("MINER_API_KEY_FILE") == null) {
            values.put(KEY_PROPERTY, token);
        }
    }

    /** The API base for a legacy server root. */
    static String apiBase(String root) {
        String base = root;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v1") || base.endsWith("/api") ? base : base + "/v1";
    }

    /** Whether {@code COORDINATOR_URL} supplied the API base. */
    public boolean suppliesUrl() {
        return values.containsKey(URL_PROPERTY);
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "legacy AITBC miner environment (COORDINATOR_URL, MINER_AUTH_TOKEN)";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
