package io.aitbc.miner.runner.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of {@code transcribe} and {@code reencode} payloads as the production miner reads them (D38): the media
 * from {@code url}, else {@code input}; {@code model} (default {@code base}); {@code output_format}, else
 * {@code format} (default {@code mp4}); optional {@code language} and {@code prompt}. Other fields are ignored, as
 * that miner ignores them. Every accessor throws {@link IllegalArgumentException} with the reason for an
 * {@code E_BADJOB}.
 */
final class MediaPayload {

    static final String DEFAULT_MODEL = "base";
    static final String DEFAULT_FORMAT = "mp4";
    static final int PROMPT_MAX = 4096;
    /** A model name, never a path: an optional {@code org/} and a name, each starting with a letter or digit. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63})?");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final int SHOWN_MAX = 20;
    /** Extensions the Whisper services take as they are; anything else is uploaded as {@code .wav}. */
    private static final Set<String> AUDIO_EXTENSIONS = Set.of("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga",
            "ogg", "opus", "wav", "webm");

    private MediaPayload() {
    }

    /** {@code url}, else {@code input}: a string (checked by the fetch). */
    static String url(JsonNode payload) {
        JsonNode url = payload.hasNonNull("url") ? payload.get("url") : payload.get("input");
        if (url == null || url.isNull()) {
            throw new IllegalArgumentException("the payload needs 'url' (or 'input'): the media to fetch");
        }
        return text(url, payload.hasNonNull("url") ? "url" : "input");
    }

    /** {@code output_format}, else {@code format}, else {@code mp4}; one of {@link OutputFormat}. */
    static OutputFormat outputFormat(JsonNode payload) {
        String field = payload.hasNonNull("output_format") ? "output_format" : "format";
        String name = payload.hasNonNull(field) ? text(payload.get(field), field) : DEFAULT_FORMAT;
        return OutputFormat.named(name).orElseThrow(() -> new IllegalArgumentException("'" + field + "' "
                + shown(name) + " is not one of " + Arrays.stream(OutputFormat.values()).map(OutputFormat::extension)
                        .collect(Collectors.joining(", "))));
    }

    /** {@code model}, default {@code base}: a service's model name, never a path. */
    static String model(JsonNode payload) {
        String model = payload.hasNonNull("model") ? text(payload.get("model"), "model") : DEFAULT_MODEL;
        if (!MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("'model' " + shown(model) + " is not a model name "
                    + "(letters, digits, '.', '_', '-', one optional 'org/'; at most 129 characters)");
        }
        return model;
    }

    /** {@code language}: an ISO 639 code such as {@code en}, when set. */
    static Optional<String> language(JsonNode payload) {
        if (!payload.hasNonNull("language")) {
            return Optional.empty();
        }
        String language = text(payload.get("language"), "language");
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("'language' " + shown(language) + " is not an ISO 639 code like 'en'");
        }
        return Optional.of(language);
    }

    /** {@code prompt}: Whisper's initial prompt, when set (at most {@value #PROMPT_MAX} characters). */
    static Optional<String> prompt(JsonNode payload) {
        if (!payload.hasNonNull("prompt")) {
            return Optional.empty();
        }
        String prompt = text(payload.get("prompt"), "prompt");
        if (prompt.length() > PROMPT_MAX) {
            throw new IllegalArgumentException("'prompt' is longer than " + PROMPT_MAX + " characters");
        }
        return Optional.of(prompt);
    }

    /** The name of the file uploaded to Whisper: {@code input.<ext>} with the URL's audio extension, else {@code .wav}. */
    static String uploadName(String url) {
        try {
            String path = Optional.ofNullable(new URI(url).getPath()).orElse("");
            String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return "input." + (path.contains(".") && AUDIO_EXTENSIONS.contains(extension) ? extension : "wav");
        } catch (URISyntaxException e) {
            return "input.wav";
        }
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }

    /** A job's value as it may appear in a message: quoted, printable, at most {@value #SHOWN_MAX} characters. */
    private static String shown(String value) {
        String cut = value.length() <= SHOWN_MAX ? value : value.substring(0, SHOWN_MAX) + "...";
        return "'" + cut.replaceAll("[^A-Za-z0-9._/ -]", "?") + "'";
    }
}
