package io.aitbc.miner.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The limits of one fetch request.
 *
 * @param maxBytes the cap on the body ({@code MINER_MEDIA_MAX_BYTES})
 * @param connect the connect timeout
 * @param idle the longest silence of the server
 * @param room the bytes the workspace may still take before its disk falls below {@code MINER_WORKSPACE_MIN_FREE}
 */
record FetchLimits(long maxBytes, Duration connect, Duration idle, LongSupplier room) {

    /** Why a body announced with this {@code Content-Length} (null: none) is not read, or empty. */
    Optional<FetchException> refusal(String shownUrl, String contentLength) {
        long length;
        try {
            length = contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length > maxBytes) {
            return Optional.of(tooLarge(shownUrl + " is " + length + " bytes"));
        }
        long free = room.getAsLong();
        return (length >= 0 ? length > free : free == 0) ? Optional.of(noRoom()) : Optional.empty();
    }

    /** A body past the cap: permanent, it will be as large next time. */
    FetchException tooLarge(String what) {
        return FetchException.permanent(what + ", more than MINER_MEDIA_MAX_BYTES (" + maxBytes + ")");
    }

    /** A disk too full for the body: it may pass once other jobs end. */
    static FetchException noRoom() {
        return FetchException.transientFailure("not enough free workspace disk for the media (MINER_WORKSPACE_MIN_FREE)");
    }
}
