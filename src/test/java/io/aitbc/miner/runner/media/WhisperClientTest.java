package io.aitbc.miner.runner.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aitbc.miner.job.ErrorCode;
import io.aitbc.miner.sim.FakeWhisper;
import io.vertx.core.Vertx;

/** The Whisper client against fakes that speak each API as its server does, errors included. */
class WhisperClientTest {

    private static final WhisperRequest ENGLISH = new WhisperRequest("base", Optional.of("en"),
            Optional.of("Names: Ada, Grace."));

    private static Vertx vertx;
    private static FakeWhisper aitbc;
    private static FakeWhisper openai;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        aitbc = FakeWhisper.start(FakeWhisper.Api.AITBC);
        openai = FakeWhisper.start(FakeWhisper.Api.OPENAI);
    }

    @AfterAll
    static void stop() {
        aitbc.close();
        openai.close();
        vertx.close();
    }

    @AfterEach
    void reset() {
        aitbc.loaded(true);
        aitbc.delay(Duration.ZERO);
    }

    @Test
    void theAitbcServiceGetsItsOwnFieldsAndTheWholeFile() throws Exception {
        Path media = media(3_000_000);

        WhisperAnswer answer = client(aitbc, WhisperApi.AITBC).transcribe(media, "input.mp3", ENGLISH);

        FakeWhisper.Received request = aitbc.received().getLast();
        assertThat(request.fields()).containsExactly(Map.entry("language", "en"), Map.entry("task", "transcribe"),
                Map.entry("beam_size", "5"));
        assertThat(request.fileName()).isEqualTo("input.mp3");
        assertThat(request.fileBytes()).isEqualTo(3_000_000);
        assertThat(answer.text()).isEqualTo(FakeWhisper.TEXT);
        assertThat(answer.model()).isEqualTo(FakeWhisper.MODEL);
        assertThat(answer.language()).contains("en");
        assertThat(answer.durationSeconds()).contains(FakeWhisper.DURATION);
        assertThat(answer.segments().orElseThrow().toString())
                .isEqualTo("[{\"start\":0.0,\"end\":2.0,\"text\":\"" + FakeWhisper.TEXT + "\"}]");
    }

    @Test
    void theOpenAiApiGetsModelPromptAndVerboseJson() throws Exception {
        WhisperRequest request = new WhisperRequest(FakeWhisper.OPENAI_MODEL, Optional.of("en"),
                Optional.of("Names: Ada, Grace."));

        WhisperAnswer answer = client(openai, WhisperApi.OPENAI).transcribe(media(1000), "input.wav", request);

        assertThat(openai.received().getLast().fields()).containsExactly(Map.entry("model", "whisper-1"),
                Map.entry("language", "en"), Map.entry("prompt", "Names: Ada, Grace."),
                Map.entry("response_format", "verbose_json"));
        assertThat(answer.text()).isEqualTo(FakeWhisper.TEXT);
        assertThat(answer.model()).isEqualTo("whisper-1");
        assertThat(answer.language()).contains("english");
        assertThat(answer.durationSeconds()).contains(FakeWhisper.DURATION);
        assertThat(answer.segments().orElseThrow().get(0).path("text").asText()).isEqualTo(FakeWhisper.TEXT);
    }

    @Test
    void aServiceWithoutItsModelIsRetriedAndAnUnknownModelIsTheJobsFault() throws Exception {
        aitbc.loaded(false);
        WhisperException notLoaded = failure(client(aitbc, WhisperApi.AITBC), ENGLISH);
        WhisperException unknown = failure(client(openai, WhisperApi.OPENAI), ENGLISH);

        assertThat(notLoaded.code()).isEqualTo(ErrorCode.E_RUNNER);
        assertThat(notLoaded.getMessage()).isEqualTo("the Whisper service answered HTTP 503: Model not loaded");
        assertThat(unknown.code()).isEqualTo(ErrorCode.E_BADJOB);
        assertThat(unknown.getMessage()).isEqualTo("the Whisper service refused the request with HTTP 404: "
                + "The model `base` does not exist");
    }

    @Test
    void theProbeSaysWhetherTheServiceCanTranscribe() throws Exception {
        assertThat(client(aitbc, WhisperApi.AITBC).probe()).isEmpty();
        assertThat(client(openai, WhisperApi.OPENAI).probe()).isEmpty();
        aitbc.loaded(false);
        assertThat(client(aitbc, WhisperApi.AITBC).probe()).contains("the service has not loaded its model yet");
        assertThat(client(aitbc, WhisperApi.OPENAI).probe()).contains("HTTP 404 from /v1/models");
        WhisperClient nowhere = new WhisperClient(vertx, TestWhisperConfig.of(closedPort(), WhisperApi.AITBC));
        assertThat(nowhere.probe().orElseThrow()).startsWith("unreachable: ");
        assertThat(failure(nowhere, ENGLISH).code()).isEqualTo(ErrorCode.E_RUNNER);
    }

    @Test
    void aServiceSilentPastTheFirstByteTimeoutIsRetried() throws Exception {
        aitbc.delay(Duration.ofSeconds(3));
        WhisperClient impatient = new WhisperClient(vertx, TestWhisperConfig.of(aitbc.url(), WhisperApi.AITBC)
                .firstByte(Duration.ofMillis(500)));

        WhisperException silent = failure(impatient, ENGLISH);

        assertThat(silent.code()).isEqualTo(ErrorCode.E_RUNNER);
        assertThat(silent.getMessage()).contains("within 500 ms (MINER_WHISPER_FIRST_BYTE_TIMEOUT)");
    }

    @Test
    void theFakesAnswerBadFormsAsFastApiAndOpenAiDo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode noFile = json.readTree(post(aitbc.url() + "/transcribe", "beam_size=5").body());
        JsonNode badBeam = json.readTree(post(aitbc.url() + "/transcribe", "beam_size=x").body());
        HttpResponse<String> noModel = post(openai.url() + "/v1/audio/transcriptions", "language=en");

        assertThat(noFile.toString()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"file\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
        assertThat(WhisperApi.AITBC.errorText(noFile, "")).isEqualTo("Field required ([\"body\",\"file\"])");
        assertThat(badBeam.at("/detail/0/type").asText()).isEqualTo("missing");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(WhisperApi.OPENAI.errorText(json.readTree(noModel.body()), "")).isEqualTo("you must provide a file");
    }

    private WhisperClient client(FakeWhisper fake, WhisperApi api) {
        return new WhisperClient(vertx, TestWhisperConfig.of(fake.url(), api));
    }

    private WhisperException failure(WhisperClient client, WhisperRequest request) throws Exception {
        return catchThrowableOfType(WhisperException.class, () -> client.transcribe(media(100), "input.wav",
                request));
    }

    private Path media(int bytes) throws Exception {
        Path file = Files.createTempFile(dir, "media-", ".bin");
        Files.write(file, new byte[bytes]);
        return file;
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
