package io.agentpulse.processor.calls;

import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * Where the call-graph job reads spans and writes agent_calls (V52). Every run of the job is one
 * {@link Tx}: its rewrites commit together or not at all, and only one processor instance runs one at a
 * time (PostgreSQL: a transaction-scoped advisory lock). Real: {@link PgAgentCallStore}; in memory:
 * {@link InMemoryAgentCallStore}; one contract test.
 */
interface AgentCallStore {

    /** Runs {@code work} in one transaction; false (nothing done) when another instance holds the job's lock. */
    boolean run(Consumer<Tx> work);

    interface Tx {
        /**
         * Minute starts (epoch ms) whose calls may have changed: the minutes (by event time, at or after
         * {@code notBefore}) of child spans stored at or after {@code since}, and of the children of spans
         * (parents) stored since then that started at or after {@code parentsFrom}.
         */
        SortedSet<Long> minutesTouchedSince(Instant since, Instant notBefore, Instant parentsFrom);

        /**
         * The calls whose callee span started in [fromMs, toMs): spans whose parent span (same trace,
         * parent_span_id = its span_id, started in [parentsFrom, parentsTo)) is another agent's. A child
         * with several stored parents of that id takes the earliest (then the smallest event id).
         */
        List<AgentCall> calls(long fromMs, long toMs, long parentsFrom, long parentsTo);

        /** Replaces every agent_calls row with window start in [fromMs, toMs) by {@code rows}. */
        void replace(long fromMs, long toMs, List<EdgeMinute> rows);

        /** The agent_calls rows with window start in [fromMs, toMs), by caller, callee, minute. */
        List<EdgeMinute> rows(long fromMs, long toMs);
    }
}
