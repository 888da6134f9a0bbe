package io.aitbc.miner.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A media URL the fetch may follow: {@code http} or {@code https} with a host, at most {@value #MAX_LENGTH}
 * characters. {@link #shown()} is the form for messages and logs: no user info, no query string, no fragment.
 *
 * @param uri the parsed URL
 */
record MediaUrl(URI uri) {

    static final int MAX_LENGTH = 8192;
    private static final int SHOWN_PATH_MAX = 120;

    /** The URL if the fetch may follow it. */
    static MediaUrl parse(String text) throws FetchException {
        if (text.length() > MAX_LENGTH) {
            throw FetchException.permanent("the URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw FetchException.permanent("not a valid URL");
        }
        return checked(uri);
    }

    /** Where a redirect's {@code Location} leads, checked as a new URL (relative locations resolve against this one). */
    MediaUrl follow(String location) throws FetchException {
        try {
            return checked(uri.resolve(new URI(location)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw FetchException.permanent("redirect from " + shown() + " to an invalid URL");
        }
    }

    private static MediaUrl checked(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw FetchException.permanent("only http and https URLs are fetched, not "
                    + (scheme.isEmpty() ? "a relative or bare path"
                            : "'" + scheme.replaceAll("[^a-z0-9+.-]", "?")
                                    + ":'"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw FetchException.permanent("the URL has no host");
        }
        return new MediaUrl(uri);
    }

    boolean https() {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    /** The host as written (IPv6 literals without brackets), for resolution, {@code Host} and SNI. */
    String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    int port() {
        return uri.getPort() > 0 ? uri.getPort() : https() ? 443 : 80;
    }

    /** Path and query as sent in the request line. */
    String requestUri() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The {@code Authorization} value for user info in the URL, sent only to the URL's own origin. */
    Optional<String> basicAuthorization() {
        String info = uri.getRawUserInfo();
        if (info == null) {
            return Optional.empty();
        }
        String decoded = URLDecoder.decode(info.replace("+", "%2B"), StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code other} has the same scheme, host and port (user info is kept across such redirects only). */
    boolean sameOrigin(MediaUrl other) {
        return https() == other.https() && host().equalsIgnoreCase(other.host()) && port() == other.port();
    }

    /** This URL with its user info dropped, for a redirect to another origin. */
    MediaUrl withoutUserInfo() {
        return uri.getRawUserInfo() == null ? this : new MediaUrl(URI.create(origin() + requestUri()));
    }

    /** Scheme, host, port and path (cut at {@value #SHOWN_PATH_MAX} characters); never user info or query. */
    String shown() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() > SHOWN_PATH_MAX) {
            path = path.substring(0, SHOWN_PATH_MAX) + "...";
        }
        return origin() + path;
    }

    private String origin() {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
