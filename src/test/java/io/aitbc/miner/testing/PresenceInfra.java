package io.aitbc.miner.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.aitbc.miner.offers.MarketplaceStandIn;
import io.aitbc.miner.offers.ServiceStub;
import io.aitbc.miner.poolhub.PoolHubStandIn;
import io.aitbc.miner.probe.FakeNvidiaSmi;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The AITBC ecosystem around the agent of {@link PresenceProfile}: a pool hub and a marketplace (stand-ins written from
 * aitbc-peer-features.md §4, §5), the shop's Whisper and ffmpeg services, and one GPU (a fake {@code nvidia-smi}
 * answering a recorded RTX 4090 and usage figures the tests change). TEE quotes are on in {@code simulate} mode.
 */
public class PresenceInfra implements QuarkusTestResourceLifecycleManager {

    /** The pool-hub key of the agent under test. */
    public static final String POOL_HUB_KEY = "pool-hub-key-of-test-miner";
    /** The GPU the fake {@code nvidia-smi} reports. */
    public static final String GPU = "GPU-5a8c3f2e-8d4b-6b1e-9c7a-2f0e1d3b4a59";
    /** The offers configured: three the services back, one whose model Ollama does not have. */
    public static final String OFFERS = "ollama " + TestInfra.MODEL + " 0.001 per_1k_tokens,whisper base 0.02 "
            + "per_audio_min,ffmpeg h264-transcode 0.005 per_processing_hour,ollama not-installed:7b 0.5 per_1k_tokens";

    private static PoolHubStandIn poolHub;
    private static MarketplaceStandIn marketplace;
    private static ServiceStub whisper;
    private static ServiceStub ffmpeg;
    private static FakeNvidiaSmi nvidiaSmi;

    @Override
    public Map<String, String> start() {
        try {
            poolHub = PoolHubStandIn.start();
            marketplace = MarketplaceStandIn.start();
            whisper = ServiceStub.whisper();
            ffmpeg = ServiceStub.ffmpeg();
            nvidiaSmi = FakeNvidiaSmi.in(Files.createTempDirectory("fake-nvidia-smi-")).query("query-one-gpu.csv")
                    .caps("caps-one-gpu.csv", 0).details("q-cuda.txt");
            Path script = nvidiaSmi.install();
            nvidiaSmi.usage(GPU + ", 35, 6000\n");
            Map<String, String> config = new HashMap<>();
            config.put("miner.nvidia-smi.path", script.toString());
            config.put("miner.gpu-sample.interval", "100ms");
            config.put("miner.tee.mode", "simulate");
            config.put("miner.pool-hub.url", poolHub.url());
            config.put("miner.pool-hub.key", POOL_HUB_KEY);
            config.put("miner.pool-hub.addr", "http://node-7.example:8101");
            config.put("miner.pool-hub.interval", "500ms");
            config.put("miner.pool-hub.timeout", "1s");
            config.put("miner.offers", OFFERS);
            config.put("miner.offers.marketplace-url", marketplace.url());
            config.put("miner.offers.interval", "500ms");
            config.put("miner.offers.whisper-url", whisper.url());
            config.put("miner.offers.ffmpeg-url", ffmpeg.url());
            config.put("miner.offers.public-url", "https://shop.example/");
            config.put("miner.offers.provider-address", "ait1provider0000000000000000000000000000");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("the AITBC stand-ins did not start", e);
        }
    }

    @Override
    public void stop() {
        for (AutoCloseable server : new AutoCloseable[] { poolHub, marketplace, whisper, ffmpeg }) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // shutting down the test run
            }
        }
    }

    /** The pool-hub stand-in ({@code MINER_POOL_HUB_URL}). */
    public static PoolHubStandIn poolHub() {
        return poolHub;
    }

    /** The marketplace stand-in ({@code MINER_OFFERS_MARKETPLACE_URL}). */
    public static MarketplaceStandIn marketplace() {
        return marketplace;
    }

    /** The shop's Whisper service ({@code MINER_OFFERS_WHISPER_URL}). */
    public static ServiceStub whisper() {
        return whisper;
    }

    /** The fake {@code nvidia-smi}, whose usage figures a test may change. */
    public static FakeNvidiaSmi nvidiaSmi() {
        return nvidiaSmi;
    }
}
