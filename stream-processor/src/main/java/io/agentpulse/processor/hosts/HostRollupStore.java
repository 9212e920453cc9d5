package io.agentpulse.processor.hosts;

import io.agentpulse.contract.Granularity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * Where the host job reads heartbeats and writes host rollups and host alert state. Every run of
 * the job is one {@link Tx}: all its rewrites and alert states commit together or not at all, and
 * only one processor instance runs one at a time (PostgreSQL: a transaction-scoped advisory lock).
 * Real: {@link PgHostRollupStore}; in memory: {@link InMemoryHostRollupStore}; one contract test.
 */
interface HostRollupStore {

    /** Runs {@code work} in one transaction; false (nothing done) when another instance holds the job's lock. */
    boolean run(Consumer<Tx> work);

    /** One (rule, host) alert instance. */
    record StateKey(String ruleId, String host) {}

    interface Tx {
        /** Window starts (epoch ms) of the minutes holding heartbeats stored at or after {@code since} with event time at or after {@code notBefore}. */
        SortedSet<Long> minutesIngestedSince(Instant since, Instant notBefore);

        /**
         * Replaces the rows of the given windows of {@code g} by a recomputation: minutes from the raw
         * heartbeats, coarser windows from the next finer granularity (whose affected windows must be
         * rebuilt first). Windows left without heartbeats lose their rows.
         */
        void rebuild(Granularity g, SortedSet<Long> windowStarts);

        /** Rows of {@code g} with window start in [fromMs, toMs), in key order. */
        List<HostRow> rows(Granularity g, long fromMs, long toMs);

        /** The JSON of every stored alert rule (the job keeps the host ones). */
        List<String> ruleJsons();

        /** The stored state of every host alert instance. */
        Map<StateKey, byte[]> alertStates();

        /** Stores (or, with null, forgets) one instance's state. */
        void putAlertState(StateKey key, byte[] state);
    }
}
