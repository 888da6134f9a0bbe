package io.aitbc.miner.tee;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token made for the test (a real PKCS#11 module; EdDSA since 2.5): its configuration and token directory
 * live where the test JVM's {@code SOFTHSM2_CONF} points (set by the surefire configuration), and keys are imported
 * with {@code softhsm2-util --import}. Without SoftHSM2 the tests fail under {@code CI=true} ({@code .ci/run} installs
 * {@code softhsm2}) and are skipped, loudly, elsewhere.
 */
final class SoftHsm {

    private static final List<String> LIBRARIES = List.of("/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so");

    private final Path library;
    private final Path config;

    private SoftHsm(Path library, Path config) {
        this.library = library;
        this.config = config;
    }

    /** A fresh SoftHSM2 without tokens; call before the module is first loaded in this JVM (SoftHSM2 reads its tokens then). */
    static SoftHsm create() throws IOException, InterruptedException {
        Optional<Path> library = LIBRARIES.stream().map(Path::of).filter(Files::isReadable).findFirst();
        boolean util = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "softhsm2-util")));
        if (library.isEmpty() || !util) {
            String why = "SoftHSM2 is not installed: the PKCS#11 TEE key is NOT tested (apt-get install softhsm2)";
            assertThat("true".equals(System.getenv("CI"))).as(why + "; CI=true requires it").isFalse();
            System.err.println("WARNING " + why);
            assumeTrue(false, why);
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF (set by the surefire configuration)").isNotBlank();
        Path config = Path.of(conf);
        Path tokens = config.resolveSibling("tokens");
        Files.createDirectories(tokens);
        try (Stream<Path> old = Files.walk(tokens)) {
            old.sorted((a, b) -> b.compareTo(a)).filter(p -> !p.equals(tokens)).forEach(p -> p.toFile().delete());
        }
        Files.writeString(config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        return new SoftHsm(library.get(), config);
    }

    Path library() {
        return library;
    }

    /** Initialises a token in the next free slot. */
    void token(String token, String pin) throws IOException, InterruptedException {
        util("--init-token", "--free", "--label", token, "--pin", pin, "--so-pin", "so-" + pin);
    }

    /** Imports the Ed25519 key of a 32-byte seed into a token, as a key pair labelled {@code label}. */
    void importEd25519(String token, String pin, byte[] seed, String label) throws IOException, InterruptedException,
            GeneralSecurityException {
        byte[] pkcs8 = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)).getEncoded();
        Path pem = Files.createTempFile(config.getParent(), "key-", ".pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n");
        util("--import", pem.toString(), "--token", token, "--label", label, "--id", "01", "--pin", pin);
        Files.delete(pem);
    }

    /** A file holding {@code pin}. */
    Path pinFile(String pin) throws IOException {
        Path file = Files.createTempFile(config.getParent(), "pin-", ".txt");
        Files.writeString(file, pin + "\n");
        return file;
    }

    private void util(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("softhsm2-util"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("softhsm2-util finished").isTrue();
        assertThat(process.exitValue()).as("softhsm2-util %s: %s", args[0], output).isZero();
    }
}
