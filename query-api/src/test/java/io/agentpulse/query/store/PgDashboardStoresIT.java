package io.agentpulse.query.store;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.embedded.PgDatabase;
import io.agentpulse.processor.sink.EnrichedEvent;
import io.agentpulse.processor.sink.PostgresEventSink;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The dashboard stores' contract against real PostgreSQL (embedded) with the processor's schema. */
class PgDashboardStoresIT extends DashboardStoresContract {
    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void load() throws Exception {
        PgDatabase db = PgFixture.database("query_dash_it");
        // Through the processor's own sink, so agent_last_seen is kept as in production (V41).
        new PostgresEventSink(db.dataSource()).insert(EVENTS.stream().map(PgDashboardStoresIT::enriched).toList());
        vertx = Vertx.vertx();
        pool = PgFixture.pool(vertx, db, 2);
    }

    @AfterAll
    static void close() {
        pool.close().await();
        vertx.close().await();
    }

    @Override
    protected EventReader events() {
        return new PgEventReader(pool);
    }

    @Override
    protected LayoutStore layouts() {
        return new PgLayoutStore(pool);
    }

    /** The stored row as the Avro event the processor would have received. */
    private static EnrichedEvent enriched(EventRow e) {
        return new EnrichedEvent(AgentEvent.newBuilder().setEventId(e.eventId()).setEventTime(Instant.ofEpochMilli(e.timeMs()))
                .setAgentId(e.agentId()).setKind(EventKind.valueOf(e.kind())).setEnvironment(e.environment())
                .setModel(e.model()).setProvider(e.provider()).setOperation(e.operation()).setLatencyMs(e.latencyMs())
                .setInputTokens(e.inputTokens()).setOutputTokens(e.outputTokens()).setCostUsd(e.costUsd())
                .setStatus(Status.valueOf(e.status())).setErrorType(e.errorType()).setToolName(e.toolName())
                .setTraceId(e.traceId()).setSpanId(e.spanId()).setFeedbackScore(e.feedbackScore()).setHostCpu(e.hostCpu()).setHostMemoryBytes(e.hostMemoryBytes())
                .setAttributes(Map.copyOf(e.attributes())).build(), e.costSource(), e.priceVersion());
    }
}
