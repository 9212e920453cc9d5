package io.agentpulse.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventPublisher} promises; run against the in-memory one (unit test) and the
 * Kafka one on a real broker (IT).
 */
abstract class EventPublisherContract {

    /** A publisher whose destination works. */
    abstract EventPublisher publisher();

    /** A publisher whose destination is gone (no broker / told to fail). */
    abstract EventPublisher brokenPublisher();

    /** Everything published so far through {@link #publisher()}, as (key, event), waiting for at least {@code atLeast}. */
    abstract List<Map.Entry<String, AgentEvent>> published(int atLeast);

    static AgentEvent event(String id, String agent) {
        return AgentEvent.newBuilder().setEventId(id).setAgentId(agent)
                .setEventTime(Instant.ofEpochMilli(1_795_341_600_000L)).setKind(EventKind.SPAN).setStatus(Status.OK)
                .setModel("gpt-4o").setLatencyMs(12.5).setInputTokens(10L).setAttributes(Map.of("k", "v")).build();
    }

    @Test
    void everyEventArrivesKeyedByAgentInOrderPerAgent() throws Exception {
        String run = UUID.randomUUID().toString();
        List<AgentEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(event(run + "-" + i, "agent-" + (i % 3)));
        }
        publisher().publish(batch).get(30, TimeUnit.SECONDS);
        List<Map.Entry<String, AgentEvent>> mine = published(50).stream()
                .filter(r -> r.getValue().getEventId().startsWith(run)).toList();
        assertThat(mine).hasSize(50);
        for (Map.Entry<String, AgentEvent> r : mine) {
            assertThat(r.getKey()).isEqualTo(r.getValue().getAgentId());
        }
        for (int a = 0; a < 3; a++) {
            String agent = "agent-" + a;
            assertThat(mine.stream().filter(r -> r.getKey().equals(agent)).map(r -> r.getValue()).toList())
                    .isEqualTo(batch.stream().filter(e -> e.getAgentId().equals(agent)).toList());
        }
    }

    @Test
    void anEmptyBatchCompletesAtOnce() throws Exception {
        assertThat(publisher().publish(List.of()).get(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void becomesReady() {
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher().ready());
    }

    @Test
    void anUnreachableDestinationFailsTheBatchWithinBoundedTime() {
        try (EventPublisher broken = brokenPublisher()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> broken.publish(List.of(event("x-1", "a"), event("x-2", "b")))
                    .get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PublishException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(broken.ready()).isFalse();
        }
    }
}
