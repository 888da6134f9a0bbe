package io.aitbc.miner.queue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.aitbc.miner.job.JobState;
import io.aitbc.miner.queue.ScriptAnswer.Verdict;

/**
 * The prelude every queue script starts with, generated from the Java schema, so Lua and Java share one list of names:
 * {@code F} (job hash fields, {@link JobField}), {@code R} (receipt hash fields, {@link ReceiptField}), {@code S} (state
 * words, {@code JobState}), {@code T} (families of the lasting totals, {@link TotalField}) and {@code V} (answer
 * verdicts), plus the answer functions {@link ScriptAnswer} parses and the counting functions of the lasting totals
 * (D45), which the scripts that settle a job call in the same script as the move, so a count is never lost or doubled.
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

    /** The field names of the totals are the family and its labels joined; a result's error code is {@code none}. */
    private static final String TOTALS = """
            local function total(...) return table.concat({...}, '%s') end
            local function count_job(totals, bucket, ttl, job, outcome, code)
              local kind = redis.call('HGET', job, F.TYPE) or 'unknown'
              if not code or code == '' then code = 'none' end
              redis.call('HINCRBY', totals, total(T.JOBS, kind, outcome, code), 1)
              redis.call('HINCRBY', bucket, total(T.JOBS, outcome), 1)
              redis.call('PEXPIRE', bucket, ttl)
            end
            local function count_bill(totals, bucket, job, receipt_price)
              local unit = redis.call('HGET', job, F.UNIT_TYPE)
              if not unit then return end
              local ms = redis.call('HGET', job, F.BILLED_MS)
              local price = receipt_price
              if price == '' then price = redis.call('HGET', job, F.PRICE_MICRO) end
              redis.call('HSET', job, F.PRICE_MICRO, price)
              redis.call('HINCRBY', totals, total(T.BILLED_MS, unit), ms)
              redis.call('HINCRBY', totals, total(T.EARNINGS_MICRO, unit), price)
              redis.call('HINCRBY', bucket, T.BILLED_MS, ms)
              redis.call('HINCRBY', bucket, T.EARNINGS_MICRO, price)
            end
            """.formatted(TotalField.SEPARATOR);

    /** The prelude's text. */
    static final String PRELUDE = table("F", JobField.values(), JobField::key)
            + table("R", ReceiptField.values(), ReceiptField::key) + table("S", JobState.values(), JobState::label)
            + table("T", TotalField.values(), TotalField::key) + table("V", Verdict.values(), Verdict::name)
            + ANSWERS + TOTALS;

    private LuaSchema() {
    }

    private static <E extends Enum<E>> String table(String name, E[] constants, Function<E, String> word) {
        return Arrays.stream(constants).map(c -> c.name() + " = '" + word.apply(c) + "'")
                .collect(Collectors.joining(", ", "local " + name + " = {", "}\n"));
    }
}
