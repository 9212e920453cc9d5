package io.agentpulse.query.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The reader contract through the settled-sketch cache, its clock 40 minutes into the fleet's range
 * plus the settle time: part of every read comes from the cache, the rest is read live (every
 * contract query runs twice or more over the test class, so the second read is served from the cache).
 */
class SettledSketchesContractTest extends RollupReaderContract {
    private static final RollupReader READER = load();

    private static RollupReader load() {
        InMemoryRollupReader r = loadedInMemory();
        Duration settledAfter = Duration.ofMinutes(65);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(TestFleet.T0 + 40 * M).plus(settledAfter), ZoneOffset.UTC);
        return new SettledSketches(r, new SettledSketches.Settings(1_000, settledAfter), clock);
    }

    @Override
    protected RollupReader reader() {
        return READER;
    }
}
