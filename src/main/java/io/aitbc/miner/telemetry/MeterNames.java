package io.aitbc.miner.telemetry;

/**
 * The agent's meter names and label keys (decisions D28). Micrometer writes them in Prometheus form: dots become
 * underscores, timers gain {@code _seconds}, counters {@code _total}. The README's metric table lists the exposed names
 * and a test keeps the two in step.
 */
public final class MeterNames {

    /** Gauge: jobs on a slot now, label {@link #SLOT}. */
    public static final String JOBS_RUNNING = "miner.jobs.running";
    /** Gauge: jobs in each Redis state, label {@link #STATE} (D9's words). */
    public static final String QUEUE_JOBS = "miner.queue.jobs";
    /** Counter: outcomes committed, labels {@link #TYPE}, {@link #OUTCOME}, {@link #ERROR_CODE}. */
    public static final String JOBS = "miner.jobs";
    /** Timer: the runner's wall time per job, label {@link #TYPE}. */
    public static final String JOB_DURATION = "miner.job.duration";
    /** Timer: from a job's arrival in {@code ready} to its start on a slot. */
    public static final String JOB_PICKUP = "miner.job.pickup";
    /** Counter: uploads scheduled again (429, 401/403, coordinator away, Redis away, a replaced outcome). */
    public static final String UPLOAD_RETRIES = "miner.upload.retries";
    /** Gauge: seconds since the coordinator last accepted a heartbeat. */
    public static final String HEARTBEAT_AGE = "miner.heartbeat.age";
    /** Timer: coordinator calls, labels {@link #ENDPOINT} and {@link #STATUS}. */
    public static final String COORDINATOR_REQUEST = "miner.coordinator.request";
    /** Summary: tokens per second of finished generations, label {@link #MODEL}. */
    public static final String TOKENS_PER_SECOND = "miner.inference.tokens.per.second";
    /** Timer: time to the first token (load and prompt evaluation), label {@link #MODEL}. */
    public static final String FIRST_TOKEN = "miner.inference.first.token";
    /** Gauge: free GPU memory, labels {@link #GPU} and {@link #GPU_UUID} as dcgm-exporter names them. */
    public static final String GPU_MEMORY_FREE = "miner.gpu.memory.free";
    /** Gauge: used GPU memory, labels {@link #GPU} and {@link #GPU_UUID}. */
    public static final String GPU_MEMORY_USED = "miner.gpu.memory.used";

    /** Gauge: 1 for a GPU's current health state, 0 for the others, labels {@link #GPU}, {@link #GPU_UUID}, {@link #STATE}. */
    public static final String GPU_HEALTH = "miner.gpu.health";
    /** Counter: jobs killed as stalled (no token, no CPU time: D44), label {@link #TYPE}. */
    public static final String JOBS_STALLED = "miner.jobs.stalled";

    /** Slot pool: {@code inference}, {@code gpu}, {@code cpu}. */
    public static final String SLOT = "slot";
    /** Redis state: ready, delayed, running, outbox, done, dead; for {@link #GPU_HEALTH}, the GPU's health state. */
    public static final String STATE = "state";
    /** Job type: inference, cli, python, unknown. */
    public static final String TYPE = "type";
    /** {@code result} or {@code fail}. */
    public static final String OUTCOME = "outcome";
    /** The failure's code, {@code none} for a result. */
    public static final String ERROR_CODE = "error_code";
    /** Coordinator endpoint (lowercase {@code Endpoint} names). */
    public static final String ENDPOINT = "endpoint";
    /** {@code 2xx}, the HTTP status of a refusal, or {@code none} when no answer came. */
    public static final String STATUS = "status";
    /** A model {@code /api/tags} reported, else {@code other}. */
    public static final String MODEL = "model";
    /** The GPU's index, as dcgm-exporter's {@code gpu} label. */
    public static final String GPU = "gpu";
    /** The GPU's UUID, as dcgm-exporter's {@code UUID} label. */
    public static final String GPU_UUID = "UUID";

    private MeterNames() {
    }
}
