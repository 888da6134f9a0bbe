package io.aitbc.miner.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.job.JobOutcome;
import io.aitbc.miner.testing.MediaServer;
import io.vertx.core.Vertx;

/**
 * The safe fetch (D39) against a real HTTP server of the test. The test's network: {@code cdn.example} and
 * {@code other.example} resolve to {@code 127.0.0.2}, which the test's policy treats as public (the server listens on
 * every interface), {@code inside.example} to {@code 10.0.0.1}, {@code mixed.example} to both; every other address is
 * judged by the real policy. A refused fetch never reaches the server and leaves no file.
 */
class MediaFetcherTest {

    private static final byte[] MEDIA = new byte[200_000];
    private static final InetAddress PUBLIC_STANDIN = address("127.0.0.2");
    private static final Map<String, List<InetAddress>> NAMES = Map.of(
            "cdn.example", List.of(PUBLIC_STANDIN), "other.example", List.of(PUBLIC_STANDIN),
            "inside.example", List.of(address("10.0.0.1")),
            "mixed.example", List.of(PUBLIC_STANDIN, address("10.0.0.1")));

    private static MediaServer server;
    private static Vertx vertx;

    @TempDir
    Path workspace;

    @BeforeAll
    static void start() {
        new Random(7).nextBytes(MEDIA);
        vertx = Vertx.vertx();
        server = MediaServer.start().file("/clip.mp4", MEDIA).chunked("/chunked", MEDIA)
                .stall("/stall", MEDIA, 1000).status("/gone", 404).status("/busy", 503).status("/auth", 401)
                .redirect("/loop", 302, "/loop");
        for (int i = 1; i <= 5; i++) {
            server.redirect("/r" + i, 301 + i % 2, i == 5 ? "/clip.mp4" : "/r" + (i + 1));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void fetchesAFileToTheCheckedAddressWithItsOwnHostHeader() throws Exception {
        FetchedMedia media = fetcher(TestFetchConfig.defaults()).fetch(cdn("/clip.mp4?token=t0k"), target());

        assertThat(Files.readAllBytes(media.file())).isEqualTo(MEDIA);
        assertThat(media.bytes()).isEqualTo(MEDIA.length);
        MediaServer.Received request = server.received().getLast();
        assertThat(request.uri()).isEqualTo("/clip.mp4?token=t0k");
        assertThat(request.host()).isEqualTo("cdn.example:" + server.port());
    }

    @Test
    void fetchesABodyWithoutALengthAndFollowsFiveRedirects() throws Exception {
        MediaFetcher fetcher = fetcher(TestFetchConfig.defaults());
        assertThat(Files.readAllBytes(fetcher.fetch(cdn("/chunked"), workspace.resolve("a")).file())).isEqualTo(MEDIA);
        assertThat(Files.readAllBytes(fetcher.fetch(cdn("/r1"), workspace.resolve("b")).file())).isEqualTo(MEDIA);
    }

    @ParameterizedTest
    @ValueSource(strings = { "file:///etc/passwd", "ftp://cdn.example/clip.mp4", "gopher://cdn.example/1",
            "data:audio/wav;base64,AAAA", "/etc/passwd", "jar:file:/x.jar!/a", "http:///nohost", "http://[::1" })
    void refusesEveryOtherSchemeAndBrokenUrls(String url) {
        int before = server.received().size();

        FetchException refused = refused(url, TestFetchConfig.defaults());

        assertThat(refused.retryable()).isFalse();
        assertThat(server.received()).hasSize(before);
        assertThat(workspace.toFile().list()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:PORT/clip.mp4           | 127.0.0.1, a loopback address",
            "http://169.254.169.254/latest/meta-data/ | 169.254.169.254, a cloud metadata address",
            "http://[::1]:PORT/clip.mp4               | a loopback address",
            "http://[::ffff:127.0.0.1]:PORT/clip.mp4  | a loopback address",
            "http://inside.example:PORT/clip.mp4      | 10.0.0.1, a private address",
            "http://mixed.example:PORT/clip.mp4       | 10.0.0.1, a private address",
            "http://0.0.0.0:PORT/clip.mp4             | an unspecified address",
            "http://100.100.100.200/latest            | a CGNAT address",
            "http://[fd00:ec2::254]/latest            | a cloud metadata address" })
    void refusesNonPublicAddressesBeforeConnecting(String url, String why) {
        int before = server.received().size();

        FetchException refused = refused(url.replace("PORT", "" + server.port()), TestFetchConfig.defaults());

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains(why);
        assertThat(server.received()).hasSize(before);
    }

    @Test
    void aPublicLookingUrlThatRedirectsToLoopbackIsRefusedAtTheRedirect() {
        server.redirect("/to-loopback", 302, server.url("/clip.mp4"));
        int before = server.received().size();

        FetchException refused = refused(cdn("/to-loopback"), TestFetchConfig.defaults());

        assertThat(refused.getMessage()).contains("127.0.0.1, a loopback address");
        assertThat(server.received().subList(before, server.received().size()))
                .extracting(MediaServer.Received::uri).containsExactly("/to-loopback");
        assertThat(workspace.toFile().list()).isEmpty();
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() {
        int before = server.received().size();

        FetchException refused = refused(cdn("/loop"), TestFetchConfig.defaults());

        assertThat(refused.getMessage()).startsWith("more than 5 redirects from http://cdn.example:");
        assertThat(server.received()).hasSize(before + 6);
    }

    @Test
    void privateAddressesAreFetchedWhenAllowedButNeverMetadata() throws Exception {
        TestFetchConfig allow = new TestFetchConfig(true, TestFetchConfig.defaults().maxBytes(),
                TestFetchConfig.defaults().connectTimeout(), TestFetchConfig.defaults().idleTimeout(),
                TestFetchConfig.defaults().totalTimeout());
        MediaFetcher fetcher = new MediaFetcher(vertx, allow, () -> Long.MAX_VALUE, HostResolver.SYSTEM,
                AddressPolicy.of(true), null);

        assertThat(fetcher.fetch(server.url("/clip.mp4"), target()).bytes()).isEqualTo(MEDIA.length);
        assertThat(catchThrowableOfType(FetchException.class,
                () -> fetcher.fetch("http://169.254.169.254/latest/meta-data/", target())).getMessage())
                .contains("cloud metadata").doesNotContain("MINER_MEDIA_ALLOW_PRIVATE");
    }

    @Test
    void aBodyOverTheCapIsRefusedByItsLengthOrWhileStreaming() {
        TestFetchConfig small = TestFetchConfig.defaults().maxBytes(100_000);

        FetchException byLength = refused(cdn("/clip.mp4"), small);
        FetchException whileStreaming = refused(cdn("/chunked"), small);

        assertThat(byLength.getMessage()).contains("is 200000 bytes, more than MINER_MEDIA_MAX_BYTES (100000)");
        assertThat(whileStreaming.getMessage()).contains("sent more than 100000 bytes");
        assertThat(byLength.retryable() || whileStreaming.retryable()).isFalse();
        assertThat(workspace.toFile().list()).isEmpty();
    }

    @Test
    void aServerThatStallsMidBodyTimesOutAndIsRetried() {
        long started = System.nanoTime();

        FetchException stalled = refused(cdn("/stall"), TestFetchConfig.defaults());

        assertThat(stalled.retryable()).isTrue();
        assertThat(stalled.getMessage()).contains("MINER_MEDIA_IDLE_TIMEOUT");
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 5000L);
        assertThat(workspace.toFile().list()).isEmpty();
    }

    @Test
    void clientErrorsAreFinalAndServerErrorsRetried() {
        assertThat(refused(cdn("/gone"), TestFetchConfig.defaults()).retryable()).isFalse();
        assertThat(refused(cdn("/auth"), TestFetchConfig.defaults()).retryable()).isFalse();
        FetchException busy = refused(cdn("/busy"), TestFetchConfig.defaults());
        assertThat(busy.retryable()).isTrue();
        JobOutcome outcome = busy.outcome();
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.E_FETCH);
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.body().path("error_message").asText()).startsWith("E_FETCH: HTTP 503 from http://cdn");
        assertThat(refused(cdn("/gone"), TestFetchConfig.defaults()).outcome().retryable()).isFalse();
    }

    @Test
    void messagesNeverHoldTheQueryStringOrTheUserInfo() {
        String url = "http://alice:pa55word@cdn.example:" + server.port() + "/gone?X-Amz-Signature=s1gn4ture";

        FetchException refused = refused(url, TestFetchConfig.defaults());

        assertThat(refused.getMessage()).contains("/gone").doesNotContain("s1gn4ture", "pa55word", "alice", "?");
        assertThat(refused(url.replace("cdn.example", "inside.example"), TestFetchConfig.defaults()).getMessage())
                .doesNotContain("s1gn4ture", "pa55word", "alice");
    }

    @Test
    void userInfoGoesToItsOwnOriginOnly() throws Exception {
        server.redirect("/elsewhere", 302, "http://other.example:" + server.port() + "/clip.mp4");
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pa55word".getBytes());
        int before = server.received().size();

        fetcher(TestFetchConfig.defaults()).fetch("http://alice:pa55word@cdn.example:" + server.port()
                + "/elsewhere", target());

        List<MediaServer.Received> seen = server.received().subList(before, server.received().size());
        assertThat(seen).extracting(MediaServer.Received::authorization).containsExactly(basic, null);
    }

    @Test
    void aFullWorkspaceDiskRefusesTheBodyForNow() {
        MediaFetcher fetcher = new MediaFetcher(vertx, TestFetchConfig.defaults(), () -> 0, this::resolve,
                MediaFetcherTest::policy, null);

        FetchException full = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(cdn("/clip.mp4"),
                target()));

        assertThat(full.retryable()).isTrue();
        assertThat(full.getMessage()).contains("MINER_WORKSPACE_MIN_FREE");
    }

    @Test
    void aNameThatDoesNotResolveIsRetried() {
        assertThatThrownBy(() -> fetcher(TestFetchConfig.defaults()).fetch("http://nowhere.example/a.wav", target()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("cannot resolve nowhere.example");
    }

    private FetchException refused(String url, TestFetchConfig config) {
        FetchException refused = catchThrowableOfType(FetchException.class, () -> fetcher(config).fetch(url,
                target()));
        assertThat(refused).as("fetch of %s", url).isNotNull();
        assertThat(Files.exists(target())).isFalse();
        return refused;
    }

    private MediaFetcher fetcher(TestFetchConfig config) {
        return new MediaFetcher(vertx, config, () -> Long.MAX_VALUE, this::resolve, MediaFetcherTest::policy, null);
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        if (NAMES.containsKey(host)) {
            return NAMES.get(host);
        }
        if (host.endsWith(".example")) {
            throw new UnknownHostException(host);
        }
        return HostResolver.SYSTEM.resolve(host);
    }

    private static Optional<String> policy(InetAddress address) {
        return address.equals(PUBLIC_STANDIN) ? Optional.empty() : AddressPolicy.of(false).refusal(address);
    }

    private Path target() {
        return workspace.resolve("input");
    }

    private String cdn(String path) {
        return "http://cdn.example:" + server.port() + path;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
