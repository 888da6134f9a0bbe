package io.aitbc.miner.uploader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.aitbc.miner.tee.PythonJsonStrings;

/**
 * The canonical bytes a coordinator receipt is signed over (decisions D21).
 * <p>
 * The top-level keys {@code signature}, {@code attestations}, {@code zk_status}, {@code zk_proof}, {@code tee_status},
 * {@code tee_attestation_id}, {@code tee_quote} and every top-level key starting with {@code reinvest_} are removed,
 * null values are removed recursively (null list items too), and the rest is written like Python's
 * {@code json.dumps(obj, separators=(",", ":"), sort_keys=True)}: compact, keys sorted by code point, ASCII only.
 * Numbers are copied verbatim as the literal text received, never re-printed from a parsed value.
 */
public final class CanonicalJson {

    private static final Set<String> UNSIGNED_KEYS = Set.of("signature", "attestations", "zk_status", "zk_proof",
            "tee_status", "tee_attestation_id", "tee_quote");
    private static final String REINVEST_PREFIX = "reinvest_";
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 (in fact ASCII) bytes of a receipt.
     *
     * @param receiptJson the receipt as received, a JSON object
     * @return the bytes the coordinator signed
     * @throws IllegalArgumentException when the text is not a single JSON object
     */
    public static byte[] canonicalize(String receiptJson) {
        Object tree = parse(receiptJson);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a receipt must be a JSON object");
        }
        map.keySet().removeIf(k -> UNSIGNED_KEYS.contains(k) || ((String) k).startsWith(REINVEST_PREFIX));
        StringBuilder out = new StringBuilder(receiptJson.length());
        write(stripNulls(map), out);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Object parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON text");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    map.put(key, read(parser, parser.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new RawNumber(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        };
    }

    private static Object stripNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put((String) k, stripNulls(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != null).map(CanonicalJson::stripNulls).toList();
        }
        return value;
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case Map<?, ?> map -> {
                List<String> keys = new ArrayList<>();
                map.keySet().forEach(k -> keys.add((String) k));
                keys.sort(CanonicalJson::compareCodePoints);
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(keys.get(i), out);
                    out.append(':');
                    write(map.get(keys.get(i)), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case String s -> writeString(s, out);
            case RawNumber n -> out.append(n.text());
            default -> out.append(value);
        }
    }

    /** Python sorts str keys by code point; String.compareTo compares UTF-16 units, which differs above the BMP. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python's {@code json.dumps} string escaping with {@code ensure_ascii=True}. */
    private static void writeString(String s, StringBuilder out) {
        writePythonString(s, out, true);
    }

    /** Python's {@code json.dumps} string escaping, with {@code ensure_ascii} as {@code asciiOnly}. */
    public static void writePythonString(String s, StringBuilder out, boolean asciiOnly) {
        PythonJsonStrings.write(s, out, asciiOnly);
    }

    /** A number token kept as the literal text it was received as (D21). */
    private record RawNumber(String text) {
    }
}
