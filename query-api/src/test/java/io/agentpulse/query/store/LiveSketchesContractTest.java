package io.agentpulse.query.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The reader contract through both sketch caches as the query API wraps them, the clock 40 minutes into the
 * fleet's range plus the settle time: reads before the cut come from the settled cache, reads from it on
 * from the live one (every contract query runs twice or more over the test class, so later reads are served
 * from held sketches).
 */
class LiveSketchesContractTest extends RollupReaderContract {
    private static final RollupReader READER = cached(loadedInMemory());

    /** {@code r} in both caches, the clock 40 minutes into the fleet's range plus 65 minutes to settle. */
    static RollupReader cached(RollupReader r) {
        Duration settledAfter = Duration.ofMinutes(65);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(TestFleet.T0 + 40 * M).plus(settledAfter), ZoneOffset.UTC);
        return SettledSketches.wrap(r, new SettledSketches.Settings(1_000, settledAfter, 10_000, 64 << 20), clock);
    }

    @Override
    protected RollupReader reader() {
        return READER;
    }
}
