package io.aitbc.miner.queue;

import java.util.Locale;

/**
 * The fields of a job's hash ({@code miner:{<id>}:job:<jobId>}, D9): the one list of their names. Java reads them
 * through this enum and the Lua scripts through the table {@code F} that {@link QueueScripts} generates from it, so a
 * field is renamed or added here only; the README's key table lists the same names (a test compares them).
 */
enum JobField {
    /** The job's state: one of the {@code JobState} words. */
    STATE,
    /** What the client submitted, as JSON text. */
    PAYLOAD,
    /** The dispatch constraints, as JSON text. */
    CONSTRAINTS,
    /** Runs started so far. */
    ATTEMPTS,
    /** When the coordinator stops waiting for a report (epoch ms, D8). */
    DEADLINE,
    /** When the job was polled (epoch ms). */
    POLLED_AT,
    /** The slot need decided at enqueue ({@code cpu}, {@code inference}, {@code gpu[:<GiB>]}), carried by wake-ups. */
    SLOT,
    /** The pid of the process running the job. */
    OWNER_PID,
    /** The token of the process running the job (a pid alone repeats across containers). */
    OWNER,
    /** When the current run started (epoch ms). */
    STARTED_AT,
    /** The process group of a {@code cli}/{@code python} run, killed by crash recovery. */
    PGID,
    /** When a delayed job runs again (epoch ms). */
    NEXT_ATTEMPT,
    /** {@code RESULT} or {@code FAIL}: the endpoint the committed outcome goes to. */
    REPORT,
    /** The committed failure's code, empty for a result. */
    ERROR_CODE,
    /** The exact upload body. */
    OUTCOME,
    /** {@code ambiguous} while reconciliation decides whether the last upload landed (D6). */
    UPLOAD,
    /** No upload before this time (epoch ms): the uploader's backoff after a refusal it waits out. */
    UPLOAD_AFTER,
    /** When the outcome was committed (epoch ms). */
    FINISHED_AT,
    /** When the job reached {@code done} (epoch ms). */
    REPORTED_AT,
    /** Why it is done: {@code reported}, {@code job_not_found}, {@code reconciled}, {@code cancelled}. */
    REPORT_REASON,
    /** The error of the last failed run or refused report. */
    LAST_ERROR,
    /** When the job went to {@code dead} (epoch ms). */
    DEAD_AT,
    /** When an operator revived it from {@code dead} (epoch ms). */
    REVIVED_AT,
    /** How an operator revived it: {@code retry} or {@code drop}. */
    REVIVED_BY,
    /** The receipt's {@code tee_status}, for a job with a TEE quote or a coordinator TEE check (D42). */
    TEE_STATUS,
    /** The job type's label ({@code JobType}), set at enqueue: the lasting totals count jobs by it (D45). */
    TYPE,
    /** A committed result's {@code metrics.unit_type} ({@code gpu_seconds}, {@code cpu_seconds}). */
    UNIT_TYPE,
    /** A committed result's {@code metrics.duration_ms}: what the coordinator bills. */
    BILLED_MS,
    /**
     * The result's price in millionths: the coordinator's rule for the metrics sent, replaced by the receipt's
     * {@code price} when one comes.
     */
    PRICE_MICRO,
    /** The receipt the report got, when one came. */
    RECEIPT_ID;

    /** The field's name in Redis. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
