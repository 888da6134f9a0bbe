package io.aitbc.miner.runner.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The media payload fields as the production miner reads them, and what is refused. */
class MediaPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"url\":\"u1\",\"input\":\"u2\"}                 | u1",
            "{\"input\":\"u2\"}                                | u2",
            "{\"url\":null,\"input\":\"u2\"}                   | u2" })
    void theUrlIsUrlThenInput(String payload, String url) throws Exception {
        assertThat(MediaPayload.url(JSON.readTree(payload))).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "{}                       | MP4",
            "{\"output_format\":\"mp3\",\"format\":\"wav\"}         | MP3",
            "{\"format\":\"opus\"}                                  | OPUS",
            "{\"output_format\":\"mkv\"}                            | MKV" })
    void theFormatIsOutputFormatThenFormatThenMp4(String payload, OutputFormat format) throws Exception {
        assertThat(MediaPayload.outputFormat(JSON.readTree(payload))).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = { "../x", "mp4 -y", "MP4", "mp4\n", "matroska", "hls", "-f", "", "image2" })
    void anyOtherFormatIsRefused(String format) {
        assertThatThrownBy(() -> MediaPayload.outputFormat(JSON.createObjectNode().put("output_format", format)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of mp4, webm, mkv");
    }

    @Test
    void theModelDefaultsToBaseAndIsANameNeverAPath() throws Exception {
        assertThat(MediaPayload.model(JSON.readTree("{}"))).isEqualTo("base");
        assertThat(MediaPayload.model(JSON.readTree("{\"model\":\"Systran/faster-whisper-small\"}")))
                .isEqualTo("Systran/faster-whisper-small");
        for (String bad : new String[] { "../base", "/abs/model.pt", "a/b/c", ".hidden", "base\u0000", "x".repeat(65),
                "C:\\\\m" }) {
            assertThatThrownBy(() -> MediaPayload.model(JSON.createObjectNode().put("model", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a model name");
        }
    }

    @Test
    void wrongTypesAndMissingUrlAreBadJobs() throws Exception {
        JsonNode number = JSON.readTree("{\"url\":7,\"model\":[1],\"language\":\"english\"}");
        assertThatThrownBy(() -> MediaPayload.url(number)).hasMessage("'url' must be a string, not number");
        assertThatThrownBy(() -> MediaPayload.model(number)).hasMessage("'model' must be a string, not array");
        assertThatThrownBy(() -> MediaPayload.language(number)).hasMessageContaining("is not an ISO 639 code");
        assertThatThrownBy(() -> MediaPayload.url(JSON.readTree("{}"))).hasMessageContaining("needs 'url'");
        assertThatThrownBy(() -> MediaPayload.prompt(JSON.createObjectNode().put("prompt", "p".repeat(5000))))
                .hasMessageContaining("longer than 4096");
    }

    @ParameterizedTest
    @CsvSource({ "https://cdn.example/a/talk.MP3?sig=x, input.mp3", "https://cdn.example/a/talk, input.wav",
            "https://cdn.example/a.b/clip.exe, input.wav", "https://cdn.example/v.webm#t=3, input.webm" })
    void theUploadKeepsOnlyAKnownAudioExtension(String url, String name) {
        assertThat(MediaPayload.uploadName(url)).isEqualTo(name);
    }
}
