package io.aitbc.miner.uploader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden bytes made once by python3's json.dumps (src/test/resources/canonical/make-fixtures.py). */
class CanonicalJsonTest {

    @ParameterizedTest
    @ValueSource(strings = { "receipt", "nested-nulls", "unicode-escapes", "numbers" })
    void matchesPythonByteForByte(String name) throws IOException {
        String input = new String(fixture(name + ".input.json"), StandardCharsets.UTF_8);

        assertThat(CanonicalJson.canonicalize(input)).isEqualTo(fixture(name + ".canonical.json"));
    }

    @Test
    void keepsNumberTextVerbatim() {
        assertThat(new String(CanonicalJson.canonicalize("{\"b\":1.0E-5,\"a\":1E2}"), StandardCharsets.US_ASCII))
                .isEqualTo("{\"a\":1E2,\"b\":1.0E-5}");
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{} {}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream("/canonical/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
