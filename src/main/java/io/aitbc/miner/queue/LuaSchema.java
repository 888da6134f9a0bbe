package io.aitbc.miner.queue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.ScriptAnswer.Verdict;

/**
 * The prelude every queue script starts with, generated from the Java schema, so Lua and Java share one list of names:
 * {@code F} (job hash fields, {@link JobField}), {@code R} (receipt hash fields, {@link ReceiptField}), {@code S} (state
 * words, {@code JobState}) and {@code V} (answer verdicts), plus the answer functions {@link ScriptAnswer} parses.
 * Scripts name no field, state or key themselves (a test checks it).
 */
final class LuaSchema {

    private static final String ANSWERS = """
            local function answer(verdict, state, held, ...) return {verdict, state or '', held, ...} end
            local function ok(state, held, ...) return answer(V.OK, state, held, ...) end
            local function already(state) return answer(V.ALREADY, state, 0) end
            local function refused(state) return answer(V.REFUSED, state, 0) end
            local function not_owner(state) return answer(V.NOT_OWNER, state, 0) end
            """;

    /** The prelude's text. */
    static final String PRELUDE = table("F", JobField.values(), JobField::key)
            + table("R", ReceiptField.values(), ReceiptField::key) + table("S", JobState.values(), JobState::label)
            + table("V", Verdict.values(), Verdict::name) + ANSWERS;

    private LuaSchema() {
    }

    private static <E extends Enum<E>> String table(String name, E[] constants, Function<E, String> word) {
        return Arrays.stream(constants).map(c -> c.name() + " = '" + word.apply(c) + "'")
                .collect(Collectors.joining(", ", "local " + name + " = {", "}\n"));
    }
}
