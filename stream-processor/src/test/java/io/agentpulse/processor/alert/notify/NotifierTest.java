package io.agentpulse.processor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.Severity;
import io.agentpulse.notify.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
    static final Channel HOOK = new Channel("default", "Hook", Channel.Type.WEBHOOK, Map.of("url", "http://hook/a"), Map.of());
    static final Channel SLACK = new Channel("ops-slack", "Slack", Channel.Type.SLACK, Map.of(), Map.of("url", "http://slack/b"));
    static final Channel PAGER = new Channel("pager", "Pager", Channel.Type.PAGERDUTY, Map.of(), Map.of("routing_key", "k"));

    final InMemoryNotifyRepo repo = repo();
    final ScriptedSender sender = new ScriptedSender();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Duration> pauses = new ArrayList<>();
    final Notifier notifier = new Notifier(repo, sender, Clock.fixed(NOW, ZoneOffset.UTC), pauses::add, 4,
            Duration.ofMillis(500), meters);

    static InMemoryNotifyRepo repo() {
        InMemoryNotifyRepo r = new InMemoryNotifyRepo();
        List.of(HOOK, SLACK, PAGER).forEach(r::channel);
        return r;
    }

    static AlertEvent event(AlertState state) {
        return event(state, Severity.CRITICAL);
    }

    static AlertEvent event(AlertState state, Severity severity) {
        return AlertEvent.newBuilder().setFingerprint("fp1").setRuleId("p95").setRuleName("p95 latency").setState(state)
                .setSeverity(severity).setLabels(Map.of("agent", "a1", "grp", "agent")).setValue(4000.0).setThreshold(3000.0)
                .setSummary("p95 of a1 is 4000 ms").setStartsAt(NOW.minusSeconds(60)).setEndsAt(null).setEmittedAt(NOW).build();
    }

    @Test
    void retriesWithDoublingBackoffThenDeliversOnce() throws Exception {
        sender.thenAnswer(503, -1, 200);
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.sent()).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("retry", "retry", "delivered");
        notifier.handle(event(AlertState.FIRING)); // redelivered record: already delivered, not sent again
        assertThat(sender.sent()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndAClientErrorIsNotRetried() throws Exception {
        sender.thenAnswer(500, 500, 500, 500);
        notifier.handle(event(AlertState.FIRING));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("retry", "retry", "retry", "failed");
        sender.thenAnswer(404);
        notifier.handle(event(AlertState.RESOLVED));
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).endsWith("failed");
        assertThat(sender.sent()).hasSize(5);
    }

    @Test
    void aMatchingSilenceStopsTheNotificationAndAnExpiredOneDoesNot() throws Exception {
        repo.silence(7, Map.of("agent", "a*", "rule_id", "p95"), NOW.plusSeconds(60));
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.sent()).isEmpty();
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("silenced");
        repo.silence(8, Map.of("agent", "other"), NOW.plusSeconds(60));
        InMemoryNotifyRepo expired = repo();
        expired.silence(9, Map.of("agent", "a1"), NOW.minusSeconds(1));
        new Notifier(expired, sender, Clock.fixed(NOW, ZoneOffset.UTC), d -> { }, 1, Duration.ZERO, new SimpleMeterRegistry())
                .handle(event(AlertState.FIRING));
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void routesPerRuleAndSeverityAndSkipsPending() throws Exception {
        repo.route("p95", List.of("ops-slack", "default", "pager:critical"));
        notifier.handle(event(AlertState.PENDING));
        assertThat(sender.sent()).isEmpty();
        notifier.handle(event(AlertState.FIRING));
        assertThat(sender.sent()).extracting(s -> s.channel().id()).containsExactly("ops-slack", "default", "pager");
        assertThat(sender.sent().get(0).notice().summary()).isEqualTo("p95 of a1 is 4000 ms");
        repo.route("p95", List.of("ops-slack:critical", "pager:critical", "default:warning"));
        notifier.handle(event(AlertState.RESOLVED, Severity.WARNING));
        assertThat(sender.sent()).extracting(s -> s.channel().id()).endsWith("default").hasSize(4);
    }

    @Test
    void failedAttemptsAreCountedPerChannelType() throws Exception {
        repo.route("p95", List.of("ops-slack"));
        sender.thenAnswer(503, 400);
        notifier.handle(event(AlertState.FIRING));
        assertThat(meters.counter("agentpulse_notification_failures_total", "type", "slack").count()).isEqualTo(2.0);
        assertThat(repo.entries()).extracting(NotifyRepo.LogEntry::outcome).containsExactly("retry", "failed");
    }
}
