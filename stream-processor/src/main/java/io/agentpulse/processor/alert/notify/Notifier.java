package io.agentpulse.processor.alert.notify;

import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Delivery;
import io.agentpulse.notify.Notice;
import io.agentpulse.notify.Sender;
import io.agentpulse.ops.CounterSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers firing and resolved transitions to the channels the rule routes their severity to, unless a
 * silence matches. Each channel gets up to {@code maxAttempts} tries with doubling backoff (5xx, 429, no answer and
 * temporary SMTP errors retry; other errors fail at once); every attempt is logged. A transition already delivered to a
 * channel (a redelivered record) is skipped, so redelivery after a crash rarely sends twice.
 */
public final class Notifier implements AlertLoop.Handler {
    static final CounterSpec NOTIFICATIONS = new CounterSpec("agentpulse_notifications_total",
            "Alert notifications, by outcome: delivered, retry, failed, silenced, no-channel", "outcome");
    static final CounterSpec FAILURES = new CounterSpec("agentpulse_notification_failures_total",
            "Failed delivery attempts (later retried or not), by channel type: webhook, slack, pagerduty, email", "type");
    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final NotifyRepo repo;
    private final Sender sender;
    private final Clock clock;
    private final Pause pause;
    private final int maxAttempts;
    private final Duration backoff;
    private final MeterRegistry meters;

    public Notifier(NotifyRepo repo, Sender sender, Clock clock, Pause pause, int maxAttempts, Duration backoff,
                    MeterRegistry meters) {
        this.repo = repo;
        this.sender = sender;
        this.clock = clock;
        this.pause = pause;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.meters = meters;
    }

    @Override
    public void handle(AlertEvent e) throws Exception {
        if (e.getState() != AlertState.FIRING && e.getState() != AlertState.RESOLVED) {
            return;
        }
        Optional<NotifyRepo.Silence> silence = silencing(e);
        if (silence.isPresent()) {
            count("silenced");
            repo.log(new NotifyRepo.LogEntry(e, "*", 0, "silenced", null, "silence " + silence.get().id(), clock.instant()));
            return;
        }
        List<Channel> channels = repo.channelsFor(e.getRuleId(), Webhooks.severity(e));
        if (channels.isEmpty()) {
            count("no-channel");
            repo.log(new NotifyRepo.LogEntry(e, "*", 0, "no-channel", null, null, clock.instant()));
        }
        for (Channel ch : channels) {
            if (!repo.delivered(e, ch.id())) {
                deliver(e, ch);
            }
        }
    }

    Optional<NotifyRepo.Silence> silencing(AlertEvent e) throws Exception {
        Map<String, String> labels = new HashMap<>(e.getLabels());
        labels.put("rule_id", e.getRuleId());
        labels.put("rule_name", e.getRuleName());
        labels.put("severity", e.getSeverity().name().toLowerCase(java.util.Locale.ROOT));
        labels.put("fingerprint", e.getFingerprint());
        return repo.activeSilences(clock.instant()).stream().filter(s -> Matchers.match(s.matchers(), labels)).findFirst();
    }

    private void deliver(AlertEvent e, Channel ch) throws Exception {
        Notice notice = Webhooks.notice(e);
        Duration wait = backoff;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Delivery d = sender.send(ch, notice);
            String outcome = d.ok() ? "delivered" : d.retryable() && attempt < maxAttempts ? "retry" : "failed";
            repo.log(new NotifyRepo.LogEntry(e, ch.id(), attempt, outcome, d.status(), d.error(), clock.instant()));
            count(outcome);
            if (!d.ok()) {
                FAILURES.counter(meters, ch.type().wire()).increment();
            }
            if (!outcome.equals("retry")) {
                return;
            }
            pause.pause(wait);
            wait = wait.multipliedBy(2);
        }
    }

    private void count(String outcome) {
        NOTIFICATIONS.counter(meters, outcome).increment();
    }
}
