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
    /** Gauge: 1 while the deep probe finds the inference backend answering, 0 once it is down, label {@link #BACKEND}. */
    public static final String BACKEND_UP = "miner.inference.backend.up";
    /** Gauge: measured tokens per second of a model's benchmark, labels {@link #MODEL} and {@link #BACKEND}. */
    public static final String MODEL_TOKENS_PER_SECOND = "miner.model.tokens.per.second";
    /** Gauge: measured load time of a model, where its backend reports one, labels {@link #MODEL}, {@link #BACKEND}. */
    public static final String MODEL_LOAD = "miner.model.load";
    /** Gauge: free GPU memory, labels {@link #GPU} and {@link #GPU_UUID} as dcgm-exporter names them. */
    public static final String GPU_MEMORY_FREE = "miner.gpu.memory.free";
    /** Gauge: used GPU memory, labels {@link #GPU} and {@link #GPU_UUID}. */
    public static final String GPU_MEMORY_USED = "miner.gpu.memory.used";
    /** Counter: TEE statuses the coordinator's receipts reported, label {@link #STATUS} (D42). */
    public static final String TEE_QUOTES = "miner.tee.quotes";
    /** Counter: pool-hub calls, labels {@link #CALL} and {@link #OUTCOME} (D43). */
    public static final String POOL_HUB_REQUESTS = "miner.pool.hub.requests";
    /** Counter: marketplace offer upserts, labels {@link #SERVICE_TYPE} and {@link #OUTCOME} (D43). */
    public static final String OFFER_PUBLICATIONS = "miner.offer.publications";

    /** Gauge: 1 for a GPU's current health state, 0 for the others, labels {@link #GPU}, {@link #GPU_UUID}, {@link #STATE}. */
    public static final String GPU_HEALTH = "miner.gpu.health";
    /** Counter: jobs killed as stalled (no token, no CPU time: D44), label {@link #TYPE}. */
    public static final String JOBS_STALLED = "miner.jobs.stalled";

    /** Counter kept in Redis (D45): jobs settled, labels {@link #TYPE}, {@link #OUTCOME}, {@link #ERROR_CODE}. */
    public static final String LIFETIME_JOBS = "miner.lifetime.jobs";
    /** Counter kept in Redis (D45): seconds billed, label {@link #UNIT_TYPE}. */
    public static final String LIFETIME_BILLED_SECONDS = "miner.lifetime.billed.seconds";
    /** Counter kept in Redis (D45): earnings, label {@link #UNIT_TYPE}. */
    public static final String LIFETIME_EARNINGS = "miner.lifetime.earnings";
    /** Counter kept in Redis (D45): receipts received, label {@link #VERIFIED}. */
    public static final String LIFETIME_RECEIPTS = "miner.lifetime.receipts";
    /** Counter kept in Redis (D45): receipts' TEE statuses, one per job, label {@link #STATUS} (D42). */
    public static final String LIFETIME_TEE_STATUSES = "miner.lifetime.tee.statuses";

    /** Inference backend: {@code ollama}, {@code openai}. */
    public static final String BACKEND = "backend";
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
    /** A pool-hub call: {@code register}, {@code heartbeat}. */
    public static final String CALL = "call";
    /** An offer's service: {@code ollama}, {@code whisper}, {@code ffmpeg}. */
    public static final String SERVICE_TYPE = "service_type";
    /** A bill's unit: {@code gpu_seconds}, {@code cpu_seconds}. */
    public static final String UNIT_TYPE = "unit_type";
    /** A receipt's check: {@code true}, {@code false}, {@code unchecked}. */
    public static final String VERIFIED = "verified";
    /** The GPU's index, as dcgm-exporter's {@code gpu} label. */
    public static final String GPU = "gpu";
    /** The GPU's UUID, as dcgm-exporter's {@code UUID} label. */
    public static final String GPU_UUID = "UUID";

    private MeterNames() {
    }
}
