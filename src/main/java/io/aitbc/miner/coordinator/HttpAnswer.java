package io.aitbc.miner.coordinator;

/**
 * One HTTP answer of the coordinator, read whole: the status, the body as text ({@code ""} when empty) and the two
 * headers the agent acts on.
 *
 * @param retryAfter the {@code Retry-After} header, or null
 * @param requestId the {@code X-Request-ID} header, or null
 */
record HttpAnswer(int status, String body, String retryAfter, String requestId) {

    HttpAnswer {
        body = body == null ? "" : body;
    }
}
