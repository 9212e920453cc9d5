package io.agentpulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.contract.sketch.SketchCodec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The aggregate's encoding with feedback reads state written before it, and writes the same bytes without feedback. */
class AggregateCodecTest {
    private static AgentEvent call(double latency) {
        return AgentEvent.newBuilder().setEventId("c").setEventTime(Instant.EPOCH).setAgentId("a").setLatencyMs(latency)
                .setTtftMs(latency / 2).setInputTokens(3L).build();
    }

    private static AgentEvent score(double s) {
        return AgentEvent.newBuilder().setEventId("f").setEventTime(Instant.EPOCH).setAgentId("a")
                .setKind(EventKind.FEEDBACK).setFeedbackScore(s).build();
    }

    private static byte[] encode(Aggregate a) {
        Bin.Out out = new Bin.Out();
        a.encodeTo(out);
        return out.toBytes();
    }

    /** The encoding before error types and feedback (a 0/1 ttft flag last), written by hand. */
    private static byte[] before(Aggregate a) {
        Bin.Out out = new Bin.Out().varLong(a.count).varLong(a.errors).varLong(a.inputTokens).varLong(a.outputTokens)
                .varLong(a.cachedTokens).varLong(a.reasoningTokens).varLong(a.costUnits).bytes(SketchCodec.encode(a.latency));
        out.varLong(a.ttft == null ? 0 : 1);
        if (a.ttft != null) {
            out.bytes(SketchCodec.encode(a.ttft));
        }
        return out.toBytes();
    }

    @Test
    void anAggregateWithoutFeedbackEncodesAsBeforeAndOldStateDecodes() {
        Aggregate a = new Aggregate();
        a.add(call(120), 0.01, null);
        assertThat(encode(a)).isEqualTo(before(a));
        Aggregate back = Aggregate.decodeFrom(new Bin.In(before(a)));
        assertThat(back.count).isEqualTo(1);
        assertThat(back.ttft).isNotNull();
        assertThat(back.feedbackCount).isZero();
        assertThat(back.feedbackBuckets).isNull();
    }

    @Test
    void feedbackRoundTripsAndMergesByAddition() {
        Aggregate a = new Aggregate();
        a.add(call(50), 0.0, null);
        a.add(score(0.0), 0.0, null);
        a.add(score(0.35), 0.0, null);
        Aggregate b = new Aggregate();
        b.add(score(1.0), 0.0, null);
        b.add(score(0.99), 0.0, null);
        a.merge(b);
        Aggregate back = Aggregate.decodeFrom(new Bin.In(encode(a)));
        assertThat(back.count).as("scores are not calls").isEqualTo(1);
        assertThat(back.latency.getCount()).isEqualTo(1.0);
        assertThat(back.feedbackCount).isEqualTo(4);
        assertThat(back.feedbackSum()).isEqualTo(2.34);
        assertThat(back.feedbackBuckets).containsExactly(1, 0, 0, 1, 0, 0, 0, 0, 0, 2);
        assertThat(back.isEmpty()).isFalse();
        Aggregate onlyScores = new Aggregate();
        onlyScores.add(score(0.5), 0.0, null);
        assertThat(onlyScores.isEmpty()).as("a window of scores only is sent on").isFalse();
    }
}
