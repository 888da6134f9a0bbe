package io.aitbc.miner.coordinator;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one top-level member out of a JSON text without building its tree or re-printing it, so that a receipt keeps
 * every number exactly as the coordinator wrote it (D21) and a large receipt is not parsed for one word.
 */
public final class RawJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RawJson() {
    }

    /** The text of the top-level object member {@code name} when it is an object; empty when absent or null. */
    public static Optional<String> objectMember(String json, String name) {
        return member(json, name, JsonToken.START_OBJECT, parser -> {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getCharOffset();
            return json.substring(start, end);
        });
    }

    /** The top-level member {@code name} when it is a string (a receipt's {@code tee_status}); else empty. */
    public static Optional<String> stringMember(String json, String name) {
        return member(json, name, JsonToken.VALUE_STRING, JsonParser::getText);
    }

    /** Reads a member's value from the parser standing on its first token. */
    @FunctionalInterface
    private interface ValueReader {
        String read(JsonParser parser) throws IOException;
    }

    private static Optional<String> member(String json, String name, JsonToken kind, ValueReader reader) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name) && value == kind) {
                    return Optional.of(reader.read(parser));
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
