package io.aitbc.miner.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.aitbc.miner.config.InvalidConfigException;
import io.aitbc.miner.workspace.Workspaces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The safe media fetch of {@code transcribe} and {@code reencode} jobs (D39), on the Vert.x HTTP client: {@code http}
 * and {@code https} only; the agent resolves the host itself, refuses it when any of its addresses is not a public
 * one ({@link AddressPolicy}), and connects to the address it checked, so a second lookup can never lead elsewhere;
 * every redirect (at most {@value #MAX_REDIRECTS}) is checked again; the body is capped by {@code Content-Length} and
 * while it streams, and written into the job's workspace only while the disk keeps {@code MINER_WORKSPACE_MIN_FREE}.
 * Connect, idle and total timeouts apply. Blocks the calling thread (a job's virtual thread).
 */
@Startup
@ApplicationScoped
public class MediaFetcher {

    /** Redirects followed at most. */
    public static final int MAX_REDIRECTS = 5;

    private final Vertx vertx;
    private final PinnedHttpClient http;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final FetchLimits limits;
    private final Duration total;

    @Inject
    public MediaFetcher(Vertx vertx, FetchConfig config, Workspaces workspaces) {
        this(vertx, config, workspaces::room, HostResolver.SYSTEM, AddressPolicy.of(config.allowPrivate()), null);
    }

    /** A fetch over the given network view: tests resolve names and trust certificates of their own. */
    MediaFetcher(Vertx vertx, FetchConfig config, LongSupplier room, HostResolver resolver, AddressPolicy policy,
            TrustOptions trust) {
        check(config);
        this.vertx = vertx;
        this.resolver = resolver;
        this.policy = policy;
        this.limits = new FetchLimits(config.maxBytes().asLongValue(), config.connectTimeout(),
                config.idleTimeout(), room);
        this.total = config.totalTimeout();
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setForceSni(true).setVerifyHost(true)
                .setDecompressionSupported(false).setMaxPoolSize(64);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.http = new PinnedHttpClient(vertx, options);
    }

    /**
     * Fetches {@code url} into {@code target} (which must not exist yet); on any failure nothing is left there.
     *
     * @throws FetchException why not, without the URL's query string or user info
     * @throws InterruptedException when the job is stopped; the request is reset first
     */
    public FetchedMedia fetch(String url, Path target) throws FetchException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + total.toNanos();
        MediaUrl first = MediaUrl.parse(url);
        MediaUrl current = first;
        try {
            for (int redirects = 0;; redirects++) {
                InetAddress address = checkedAddress(current);
                Log.debugf("fetching media from %s (%s)", current.shown(), address.getHostAddress());
                FetchHop.Answer answer = hop(current, address, target, Duration.ofNanos(deadline - System.nanoTime()));
                if (answer instanceof FetchHop.Saved saved) {
                    return new FetchedMedia(target, saved.bytes(), System.nanoTime() - started);
                }
                if (redirects == MAX_REDIRECTS) {
                    throw FetchException.permanent("more than " + MAX_REDIRECTS + " redirects from " + first.shown());
                }
                MediaUrl next = current.follow(((FetchHop.Redirect) answer).location());
                current = next.sameOrigin(current) ? next : next.withoutUserInfo();
            }
        } catch (FetchException | InterruptedException | RuntimeException e) {
            delete(target);
            throw e;
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }

    private InetAddress checkedAddress(MediaUrl url) throws FetchException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.host());
        } catch (UnknownHostException e) {
            throw FetchException.transientFailure("cannot resolve " + url.host());
        }
        if (addresses.isEmpty()) {
            throw FetchException.transientFailure("cannot resolve " + url.host());
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = policy.refusal(address);
            if (refused.isPresent()) {
                String kind = refused.get();
                String ip = address.getHostAddress();
                throw FetchException.permanent("refused " + url.shown() + ": "
                        + (url.host().equalsIgnoreCase(ip) ? "" : url.host() + " resolves to ") + ip + ", "
                        + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " address"
                        + (kind.equals(AddressPolicy.METADATA) ? "" : " (MINER_MEDIA_ALLOW_PRIVATE)"));
            }
        }
        return addresses.get(0);
    }

    private FetchHop.Answer hop(MediaUrl url, InetAddress address, Path target, Duration remaining)
            throws FetchException, InterruptedException {
        if (remaining.isNegative() || remaining.isZero()) {
            throw FetchException.transientFailure("the fetch took longer than MINER_MEDIA_TOTAL_TIMEOUT");
        }
        FetchHop hop = new FetchHop(vertx, url, target, limits);
        hop.start(http, address, remaining);
        try {
            return hop.result().get();
        } catch (InterruptedException e) {
            hop.cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException failure) {
                throw failure;
            }
            throw new IllegalStateException("media fetch failed unexpectedly", e.getCause());
        }
    }

    private static void delete(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            Log.warnf("Cannot remove the partial media file %s: %s", target, e.getMessage());
        }
    }

    private static void check(FetchConfig config) {
        if (config.maxBytes().asLongValue() <= 0) {
            throw new InvalidConfigException("MINER_MEDIA_MAX_BYTES", "must be more than 0");
        }
        positive("MINER_MEDIA_CONNECT_TIMEOUT", config.connectTimeout());
        positive("MINER_MEDIA_IDLE_TIMEOUT", config.idleTimeout());
        positive("MINER_MEDIA_TOTAL_TIMEOUT", config.totalTimeout());
    }

    private static void positive(String env, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(env, "must be more than 0");
        }
    }
}
