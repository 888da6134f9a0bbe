package io.aitbc.miner.runner.media;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in readiness data whether {@code reencode} (ffmpeg) and {@code transcribe} (the Whisper service) jobs can run
 * here (D38); informative, always UP: a node without them still serves every other job type.
 */
@Readiness
@ApplicationScoped
public class MediaReadinessCheck implements HealthCheck {

    private final MediaTasks tasks;

    MediaReadinessCheck(MediaTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("media").up().withData("reason",
                "ffmpeg found at start-up, Whisper service as last probed");
        tasks.status().forEach(response::withData);
        return response.build();
    }
}
