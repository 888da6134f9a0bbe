package io.aitbc.miner.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.aitbc.miner.gpuhealth.GpuHealth;
import io.aitbc.miner.gpuhealth.GpuStatus;

/** {@code GET /admin/gpus}: every watched GPU's health (D44), behind the admin token like the rest of the admin API. */
@Path(AdminResource.PATH + "/gpus")
@Produces(MediaType.APPLICATION_JSON)
public class GpuHealthResource {

    private final GpuHealth health;

    GpuHealthResource(GpuHealth health) {
        this.health = health;
    }

    /** Index, UUID, state, whether it takes jobs, the reason, since when, XID incidents and any foreign process. */
    @GET
    public List<Map<String, Object>> gpus() {
        return health.statuses().stream().map(GpuHealthResource::json).toList();
    }

    private static Map<String, Object> json(GpuStatus status) {
        Map<String, Object> gpu = new LinkedHashMap<>();
        gpu.put("index", status.device().index());
        gpu.put("uuid", status.device().uuid());
        gpu.put("state", status.state().label());
        gpu.put("takes_jobs", status.takesJobs());
        gpu.put("reason", status.reason());
        gpu.put("since", status.since().toString());
        gpu.put("xid_incidents", status.incidents());
        gpu.put("foreign", status.foreign().orElse(null));
        return gpu;
    }
}
