package io.aitbc.miner.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aitbc.miner.testing.MediaServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * An https fetch connects to the address the fetch checked, yet TLS sees the URL's host: its certificate is verified
 * for that name (and SNI names it), so pinning the address never weakens verification.
 */
class MediaFetcherTlsTest {

    private static final String PASSWORD = "changeit";
    private static final byte[] MEDIA = "not really media".getBytes();
    private static final InetAddress STANDIN = InetAddress.getLoopbackAddress();

    @TempDir
    static Path keys;
    @TempDir
    Path workspace;

    private static MediaServer server;
    private static Vertx vertx;
    private static PfxOptions store;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = keys.resolve("media.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "media", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=media.test", "-ext", "SAN=dns:media.test", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD).inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).isTrue();
        store = new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD);
        server = MediaServer.start(new HttpServerOptions().setHost("127.0.0.1").setSsl(true).setKeyCertOptions(store))
                .file("/clip.mp4", MEDIA);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void theCertificateIsVerifiedForTheUrlsHostWhileTheCheckedAddressIsDialled() throws Exception {
        FetchedMedia media = fetcher().fetch("https://media.test:" + server.port() + "/clip.mp4", target());

        assertThat(Files.readAllBytes(media.file())).isEqualTo(MEDIA);
        assertThat(server.received().getLast().host()).isEqualTo("media.test:" + server.port());
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        FetchException refused = catchThrowableOfType(FetchException.class,
                () -> fetcher().fetch("https://other.test:" + server.port() + "/clip.mp4", target()));

        assertThat(refused.getMessage()).contains("TLS failed");
        assertThat(refused.retryable()).isFalse();
        assertThat(Files.exists(target())).isFalse();
    }

    private MediaFetcher fetcher() {
        return new MediaFetcher(vertx, TestFetchConfig.defaults(), () -> Long.MAX_VALUE, host -> List.of(STANDIN),
                address -> Optional.empty(), store);
    }

    private Path target() {
        return workspace.resolve("input");
    }
}
