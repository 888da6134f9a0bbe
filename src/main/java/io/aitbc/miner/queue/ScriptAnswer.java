package io.aitbc.miner.queue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

import io.aitbc.miner.job.JobState;
import io.vertx.mutiny.redis.client.Response;

/**
 * What a transition script answered, parsed once. Every transition answers {@code {verdict, state, held change,
 * values…}} through the {@code ok}, {@code already}, {@code refused} and {@code not_owner} functions of the generated
 * prelude ({@link LuaSchema}), so no caller compares strings.
 *
 * @param verdict what the script did
 * @param state the job's state after the call; empty when Redis does not know the job
 * @param heldChange how the number of jobs held (ready, delayed, running, outbox) changed: 1, -1 or 0
 * @param values what else the script answered, in its documented order; empty strings for absent values
 */
record ScriptAnswer(Verdict verdict, Optional<JobState> state, int heldChange, List<String> values) {

    /** The outcome of a transition. */
    enum Verdict {
        /** The job moved (or changed) as asked. */
        OK,
        /** It had already moved so: the script was run before (D11). */
        ALREADY,
        /** The job is in a state the transition does not start from. */
        REFUSED,
        /** The job is held by another process than the one named. */
        NOT_OWNER
    }

    static ScriptAnswer of(Response answer) {
        String state = answer.get(1).toString();
        List<String> values = IntStream.range(3, answer.size())
                .mapToObj(i -> answer.get(i) == null ? "" : answer.get(i).toString()).toList();
        return new ScriptAnswer(Verdict.valueOf(answer.get(0).toString()),
                state.isEmpty() ? Optional.empty() : Optional.of(JobState.valueOf(state.toUpperCase(Locale.ROOT))),
                answer.get(2).toInteger(), values);
    }

    /** Whether the transition took place now. */
    boolean ok() {
        return verdict == Verdict.OK;
    }

    /** The state word for logs, {@code missing} for an unknown job. */
    String stateWord() {
        return state.map(JobState::label).orElse("missing");
    }
}
