package io.aitbc.miner.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Job secrets (D19) hidden in a process's output as it streams, before any cut, result or log sees it. */
class RedactionTest {

    private static final String SECRET = "s3cr3t-token-value";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "read {0} bytes at a time")
    @ValueSource(ints = { 1, 2, 3, 7, 8192 })
    void everySecretLineIsReplacedWhereverTheReadsSplitIt(int step) throws IOException {
        Files.writeString(dir.resolve("api-token"), SECRET + "\n");
        Files.writeString(dir.resolve("pem"), "-----BEGIN KEY-----\r\nAAAABBBBCCCC\r\n-----END KEY-----\r\n");
        String printed = "token=" + SECRET + " then " + SECRET + SECRET + "\nkey: AAAABBBBCCCC.\nsecret-token ok "
                + SECRET.substring(0, 10);

        String seen = read(Redaction.ofSecretsIn(dir.toString()), printed, step);

        assertThat(seen).isEqualTo("token=[redacted] then [redacted][redacted]\nkey: [redacted].\n"
                + "secret-token ok " + SECRET.substring(0, 10));
    }

    @Test
    void shortLinesAndAMissingFolderHideNothing() throws IOException {
        Files.writeString(dir.resolve("pin"), "123\n");

        assertThat(read(Redaction.ofSecretsIn(dir.toString()), "pin 123 and 1234", 5)).isEqualTo("pin 123 and 1234");
        assertThat(read(Redaction.ofSecretsIn(null), "anything", 3)).isEqualTo("anything");
        assertThat(read(Redaction.ofSecretsIn(dir.resolve("gone").toString()), "anything", 3)).isEqualTo("anything");
    }

    @Test
    void aSandboxedProcessThatPrintsItsSecretShowsItNowhere() throws Exception {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("api-token"), SECRET);
        Path work = Files.createDirectory(dir.resolve("work"));
        String script = "import os,sys; s=open(os.environ['AITBC_SECRETS_DIR']+'/api-token').read(); "
                + "print('x' * 70000 + s); sys.stderr.write(s + ' ' + 'y' * 70000 + s)";

        Execution run = Sandbox.detect(true, 64 * 1024).run(new LaunchSpec("redaction-test",
                Path.of("/usr/bin/python3"), List.of("-c", script), Map.of("PATH", "/usr/bin:/bin",
                        JobSecrets.DIR_VARIABLE, secrets.toString()),
                work, new byte[0], Duration.ofSeconds(20),
                OptionalLong.empty(), false), pgid -> {
                });

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().text()).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 8));
        assertThat(run.stderr().text()).doesNotContain(SECRET).endsWith("y[redacted]");
        assertThat(run.stdout().cut()).isTrue();
    }

    private static String read(Redaction redaction, String printed, int step) throws IOException {
        InputStream source = new ByteArrayInputStream(printed.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
        return new String(redaction.filter(source).readAllBytes(), StandardCharsets.UTF_8);
    }
}
