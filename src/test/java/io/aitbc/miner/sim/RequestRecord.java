package io.aitbc.miner.sim;

import java.time.Instant;

/**
 * One request the miner API received.
 *
 * @param endpoint the route
 * @param path the request path
 * @param at when it arrived
 * @param status the status answered (or that would have been, for a dropped answer)
 * @param minerId the {@code X-Miner-ID} header, or null
 * @param apiKeyPresent whether {@code X-Api-Key} was sent
 * @param authorizationPresent whether {@code Authorization} was sent
 * @param teeQuote the {@code tee_quote} of a {@code /result} body, or null (every send is kept, refused ones too)
 */
public record RequestRecord(Endpoint endpoint, String path, Instant at, int status, String minerId,
        boolean apiKeyPresent, boolean authorizationPresent, String teeQuote) {
}
