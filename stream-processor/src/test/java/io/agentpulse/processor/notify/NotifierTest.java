package io.agentpulse.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final NotifyRepo.Channel HOOK = new NotifyRepo.Channel("default", Webhooks.Kind.WEBHOOK, URI.create("http://hook/a"));
    static final NotifyRepo.Channel SLACK = new NotifyRepo.Channel("ops-slack", Webhooks.Kind.SLACK, URI.create("http://slack/b"));

    final InMemoryNotifyRepo repo = new InMemoryNotifyRepo(List.of(HOOK));
    final InMemoryWebhookSender sender = new InMemoryWebhookSender();
    final List<Duration> pauses = new ArrayList<>();
    final Notifier notifier = new Notifier(repo, sender, Clock.fixed(NOW, ZoneOffset.UTC), pauses::add, 4,
            Duration.ofMillis(500), new SimpleMeterRegistry());

    static AlertEvent event(AlertState state) {
        return AlertEvent.newBuilder().setFingerprint("fp1").setRuleId("p95").setRuleName("p95 latency").setState(state)
                .setSeverity(Severity.CRITICAL).setLabels(Map.of("agent", "a1", "grp", "agent")).setValue(4000.0).setThreshold(3000.0)
                .setSummary("p95 of a1 is 4000 ms").setStartsAt(NOW.minusSeconds(60)).setEndsAt(null).setEmittedAt(NOW).build();
    }

    @Test
    void retriesWithDoublingBackoffThenDeliversOnce() throws Exception {
        sender.thenAnswer(503, -1, 200);
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.posts()).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("retry", "retry", "delivered");
        notifier.handle(event(AlertState.FIRING)); // redelivered record: already delivered, not sent again
        assertThat(sender.posts()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndAClientErrorIsNotRetried() throws Exception {
        sender.thenAnswer(500, 500, 500, 500);
        notifier.handle(event(AlertState.FIRING));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("retry", "retry", "retry", "failed");
        sender.thenAnswer(404);
        notifier.handle(event(AlertState.RESOLVED));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).endsWith("failed");
        assertThat(sender.posts()).hasSize(5);
    }

    @Test
    void aMatchingSilenceStopsTheNotificationAndAnExpiredOneDoesNot() throws Exception {
        repo.silence(7, Map.of("agent", "a*", "rule_id", "p95"), NOW.plusSeconds(60));
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.posts()).isEmpty();
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("silenced");
        repo.silence(8, Map.of("agent", "other"), NOW.plusSeconds(60));
        InMemoryNotifyRepo expired = new InMemoryNotifyRepo(List.of(HOOK));
        expired.silence(9, Map.of("agent", "a1"), NOW.minusSeconds(1));
        new Notifier(expired, sender, Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, 1, Duration.ZERO, new SimpleMeterRegistry())
                .handle(event(AlertState.FIRING));
        assertThat(sender.posts()).hasSize(1);
    }

    @Test
    void routesPerRuleWithASlackBodyAndSkipsPending() throws Exception {
        repo.route("p95", List.of(SLACK, HOOK));
        notifier.handle(event(AlertState.PENDING));
        assertThat(sender.posts()).isEmpty();
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.posts()).extracting(InMemoryWebhookSender.Post::url).containsExactly(SLACK.url(), HOOK.url());
        assertThat(sender.posts().get(0).json()).startsWith("{\"text\":").contains("FIRING:CRITICAL").contains("p95 of a1");
        assertThat(sender.posts().get(1).json()).contains("\"fingerprint\":\"fp1\"").contains("\"agent\":\"a1\"");
    }
}
