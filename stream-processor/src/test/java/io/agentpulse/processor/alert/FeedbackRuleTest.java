package io.agentpulse.processor.alert;

import io.agentpulse.contract.rule.AlertRule;
import io.agentpulse.contract.rule.AlertMetric;

import static io.agentpulse.processor.alert.AlertHarness.agent;
import static io.agentpulse.processor.alert.AlertHarness.both;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.AlertEvent;
import io.agentpulse.avro.AlertState;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The feedback_score metric: the mean user score over the range, its samples the scores (not the calls). */
class FeedbackRuleTest {
    static final String LOW_FEEDBACK = """
            {"id":"feedback-low","metric":"feedback_score","group":"agent","warning":0.5,"critical":0.2,
             "min_samples":5,"range":"PT5M","summary":"feedback of {{agent}} is {{value}}"}""";

    /** One score per second from {@code agent}, beside its calls. */
    static AlertHarness.EventSource scores(String agent, double score) {
        return (at, h) -> h.send(AgentEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setEventTime(Instant.ofEpochMilli(at + 500)).setAgentId(agent).setKind(EventKind.FEEDBACK)
                .setFeedbackScore(score).build());
    }

    @Test
    void parsesWithTheLessThanDefaultAndRefusesThresholdsOutsideZeroToOne() {
        AlertRule r = AlertRule.parse(LOW_FEEDBACK);
        assertThat(r.metric()).isEqualTo(AlertMetric.FEEDBACK_SCORE);
        assertThat(r.comparator()).isEqualTo(AlertRule.Comparator.LT);
        assertThat(AlertRule.parse(r.toJson())).isEqualTo(r);
        assertThatThrownBy(() -> AlertRule.parse("{\"id\":\"f\",\"metric\":\"feedback_score\",\"warning\":3}"))
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void aFallingMeanScoreFiresOnceEnoughScoresCameAndResolvesWhenItRecovers() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(LOW_FEEDBACK);
            h.advance(Duration.ofMinutes(2), both(agent("a1", 5, 100, 0), scores("a1", 0.9)));
            assertThat(h.alerts()).isEmpty();
            h.advance(Duration.ofSeconds(3), agent("a2", 5, 100, 0)); // a2 has calls but no score: never a verdict
            h.advance(Duration.ofMinutes(7), both(agent("a1", 5, 100, 0), scores("a1", 0.1))); // the 0.9s leave the range
            List<AlertEvent> fired = h.alerts().stream().filter(e -> e.getState() == AlertState.FIRING).toList();
            assertThat(fired).isNotEmpty();
            assertThat(fired).allSatisfy(f -> assertThat(f.getLabels()).containsEntry("agent", "a1"));
            assertThat(fired).extracting(AlertEvent::getSeverity).as("the mean passes 0.5, then 0.2")
                    .containsExactly(Severity.WARNING, Severity.CRITICAL);
            assertThat(fired.get(0).getSummary()).startsWith("feedback of a1 is ");
            h.advance(Duration.ofMinutes(8), both(agent("a1", 5, 100, 0), scores("a1", 0.95)));
            assertThat(h.alerts().get(h.alerts().size() - 1).getState()).isEqualTo(AlertState.RESOLVED);
        }
    }

    @Test
    void fewerScoresThanMinSamplesGiveNoVerdict() throws Exception {
        try (AlertHarness h = new AlertHarness()) {
            h.rule(LOW_FEEDBACK);
            AlertHarness.EventSource fourScores = (at, hh) -> {
                if (at % 60_000 < 1_000 && at < AlertHarness.T0 + 4 * 60_000) {
                    scores("a1", 0.0).emit(at, hh);
                }
            };
            h.advance(Duration.ofMinutes(5), both(agent("a1", 20, 100, 0), fourScores));
            assertThat(h.alerts()).as("4 scores of 0 over 100s of calls: below min_samples 5").isEmpty();
        }
    }
}
