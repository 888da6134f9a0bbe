package io.aitbc.miner.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the queue's Lua scripts with {@code EVALSHA}, falling back to {@code EVAL} when Redis lost its script cache
 * (a restart), as decisions D11 says. Every script is idempotent, so a call that failed ambiguously may be repeated.
 * Each script is the generated {@link LuaSchema#PRELUDE} followed by its file.
 */
final class QueueScripts {

    /** The scripts under {@code src/main/resources/queue/}. */
    enum Script {
        ENQUEUE(true),
        CLAIM(true),
        INTAKE(true),
        COMPLETE(true),
        REPORT(true),
        AMEND(false),
        BURY(true),
        DELAY(true),
        PROMOTE(true),
        REQUEUE(true),
        CANCEL(true),
        DEADLINE(false),
        POSTPONE(false),
        AMBIGUOUS(false),
        RESEND(false),
        TRIM(true),
        REVIVE(true),
        DUE(false),
        STATUS(false),
        UPGRADE(false),
        TOTALS(false),
        TEE(false);

        private final boolean moves;
        private final String source;
        private final String sha;

        Script(boolean moves) {
            this.moves = moves;
            this.source = LuaSchema.PRELUDE + load("queue/" + name().toLowerCase(Locale.ROOT) + ".lua");
            this.sha = sha1(source);
        }

        /** Whether the script moves jobs between states (it changes the lengths, and may change the held count). */
        boolean moves() {
            return moves;
        }
    }

    private final RedisDataSource redis;

    QueueScripts(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Runs {@code script} with its keys and arguments; Redis failures become {@link QueueUnavailableException}. */
    Response run(Script script, List<String> keys, String... args) {
        try {
            return redis.execute("EVALSHA", arguments(script.sha, keys, args));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                throw new QueueUnavailableException(script.name().toLowerCase(Locale.ROOT), e);
            }
        }
        try {
            return redis.execute("EVAL", arguments(script.source, keys, args));
        } catch (RuntimeException e) {
            throw new QueueUnavailableException(script.name().toLowerCase(Locale.ROOT), e);
        }
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, String... args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.length);
        all.add(scriptOrSha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static String load(String resource) {
        try (InputStream in = QueueScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
