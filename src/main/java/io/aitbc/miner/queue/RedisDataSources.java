package io.aitbc.miner.queue;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates Redis's two data sources on the main thread, first of all start-up work. Quarkus's Redis recorder keeps them
 * in a plain static map, so a loop thread of the agent creating one while start-up creates the other fails the whole
 * start-up with a {@code ConcurrentModificationException} (seen in test runs); once both exist, any thread may use them.
 */
@ApplicationScoped
class RedisDataSources {

    void create(@Observes @Priority(1) StartupEvent event, RedisDataSource blocking, ReactiveRedisDataSource reactive) {
        blocking.getReactive();
        reactive.getRedis();
    }
}
