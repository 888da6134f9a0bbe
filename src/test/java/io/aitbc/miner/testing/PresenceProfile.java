package io.aitbc.miner.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The agent with its AITBC presence on: TEE quotes, pool hub, offers, and one (fake) GPU ({@link PresenceInfra}). */
public class PresenceProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PresenceInfra.class));
    }
}
