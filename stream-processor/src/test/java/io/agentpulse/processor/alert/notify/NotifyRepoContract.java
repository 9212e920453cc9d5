package io.agentpulse.processor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AlertState;
import io.agentpulse.notify.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing and the delivery log, the same on PostgreSQL ({@link ITJdbcNotifyRepo}) and in memory. */
abstract class NotifyRepoContract {
    static final Channel HOOK = new Channel("hook", "Hook", Channel.Type.WEBHOOK, Map.of("url", "http://h/1"), Map.of("secret", "s"));
    static final Channel SLACK = new Channel("slack", "Slack", Channel.Type.SLACK, Map.of(), Map.of("url", "http://s/2"));
    static final Channel PAGER = new Channel("pd", "Pager <b>", Channel.Type.PAGERDUTY, Map.of(), Map.of("routing_key", "rk"));
    static final Channel DEFAULT = new Channel("default", "Default", Channel.Type.EMAIL,
            Map.of("host", "mail", "from", "a@b.c", "to", "x@y.z"), Map.of("password", "pw"));

    abstract NotifyRepo repo();

    abstract void channel(Channel c) throws Exception;

    abstract void rule(String id, List<String> channels) throws Exception;

    void all() throws Exception {
        for (Channel c : List.of(HOOK, SLACK, PAGER, DEFAULT)) {
            channel(c);
        }
    }

    @Test
    void aRuleRoutesEachSeverityToItsChannelsWithTheirSecrets() throws Exception {
        all();
        rule("r1", List.of("slack", "pd:critical", "ghost", "hook:warning"));
        assertThat(repo().channelsFor("r1", "INFO")).containsExactly(SLACK);
        assertThat(repo().channelsFor("r1", "WARNING")).containsExactly(SLACK, HOOK);
        assertThat(repo().channelsFor("r1", "CRITICAL")).containsExactly(SLACK, PAGER, HOOK);
    }

    @Test
    void aStarRoutesToEveryChannelAndNoRoutesMeanDefault() throws Exception {
        all();
        rule("all", List.of("*:warning"));
        rule("none", List.of());
        assertThat(repo().channelsFor("all", "CRITICAL")).containsExactly(DEFAULT, HOOK, PAGER, SLACK);
        assertThat(repo().channelsFor("all", "INFO")).isEmpty();
        assertThat(repo().channelsFor("none", "INFO")).containsExactly(DEFAULT);
        assertThat(repo().channelsFor("unknown-rule", "CRITICAL")).containsExactly(DEFAULT);
    }

    @Test
    void aDeliveryIsRememberedPerChannel() throws Exception {
        var e = NotifierTest.event(AlertState.FIRING);
        repo().log(new NotifyRepo.LogEntry(e, "slack", 1, "failed", 500, "HTTP 500", Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(repo().delivered(e, "slack")).isFalse();
        repo().log(new NotifyRepo.LogEntry(e, "slack", 2, "delivered", 200, null, Instant.parse("2026-01-01T00:00:01Z")));
        assertThat(repo().delivered(e, "slack")).isTrue();
        assertThat(repo().delivered(e, "hook")).isFalse();
        assertThat(repo().delivered(NotifierTest.event(AlertState.RESOLVED), "slack")).isFalse();
    }
}
