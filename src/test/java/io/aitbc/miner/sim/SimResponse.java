package io.aitbc.miner.sim;

import java.util.Map;

/**
 * An answer of the miner API before it is sent (so a fault can delay or drop it after the call was applied).
 *
 * @param status the HTTP status
 * @param body JSON text, or null for no body
 * @param headers extra headers
 */
record SimResponse(int status, String body, Map<String, String> headers) {

    static SimResponse json(int status, String body) {
        return new SimResponse(status, body, Map.of());
    }

    static SimResponse detail(int status, String detail) {
        return json(status, "{\"detail\":\"" + detail + "\"}");
    }

    static SimResponse noContent() {
        return new SimResponse(204, null, Map.of());
    }

    static SimResponse rateLimited(int retryAfterSeconds) {
        return new SimResponse(429, "{\"detail\":\"Rate limit exceeded\"}",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** The coordinator's answer to an unhandled exception. */
    static SimResponse internalError(String path) {
        return json(500, "{\"error\":{\"type\":\"internal_error\",\"message\":\"An internal server error occurred\","
                + "\"status_code\":500,\"path\":\"" + path + "\"}}");
    }
}
